from django.db import models


class Account(models.Model):
    name = models.CharField(max_length=100)


class Profile(models.Model):
    name = models.CharField(max_length=100)
    ssn = models.CharField(max_length=11)


class Note(models.Model):
    text = models.TextField()
