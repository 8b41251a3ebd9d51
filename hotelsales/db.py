"""Small database expressions the apps share."""

from django.db.models import Func, IntegerField


class DaysBetween(Func):
    """later − earlier in whole days: in PostgreSQL, a date minus a date is a number of days."""

    template = "(%(expressions)s)"
    arg_joiner = " - "
    output_field = IntegerField()

    def __init__(self, later, earlier):
        super().__init__(later, earlier)
