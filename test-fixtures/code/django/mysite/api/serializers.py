from rest_framework import serializers

from .models import Account


class AccountSerializer(serializers.ModelSerializer):
    class Meta:
        model = Account
        fields = "__all__"
        #        ^^^^^^^^^ code-mass-assignment


class PublicAccountSerializer(serializers.ModelSerializer):
    class Meta:
        model = Account
        fields = "__all__"  # ok: code-mass-assignment
        read_only_fields = ["is_staff", "balance"]
