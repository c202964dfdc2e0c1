from django.db import models


class User(models.Model):
    username = models.CharField(max_length=100)


class Article(models.Model):
    title = models.CharField(max_length=200)


class Comment(models.Model):
    text = models.TextField()


class Order(models.Model):
    total = models.DecimalField(max_digits=10, decimal_places=2)
