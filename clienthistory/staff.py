"""The staff who sell (sales and managers): whom accounts, bookings, promotions and segments belong to. Apart from
the forms, so that modules that models import (a segment's rules) can offer them too."""

from django import forms
from django.contrib.auth import get_user_model

from hotelsales.roles import Role


def staff_who_sell():
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[Role.SALES, Role.MANAGER])
        .distinct()
        .order_by("first_name", "username")
    )


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return _name(user)


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        return _name(user)
