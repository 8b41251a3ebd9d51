"""The date fields every form uses: none takes a date at the edge of the calendar, business dates lie near
today, and a date a form already held is kept."""

import importlib
from datetime import date, datetime, timedelta

import pytest
from django import forms
from django.utils import timezone

from hotelsales.forms import DateField, DateTimeField, NearDateField, NearDateTimeField
from tests.test_structure import MODULES

TODAY = timezone.localdate()


def project_forms() -> list[type[forms.BaseForm]]:
    for module in MODULES:
        importlib.import_module(module)
    found, waiting = [], [forms.BaseForm]
    while waiting:
        for form in waiting.pop().__subclasses__():
            waiting.append(form)
            if form.__module__.partition(".")[0] in {module.partition(".")[0] for module in MODULES}:
                found.append(form)
    return found


def test_every_date_field_of_every_form_is_bounded():
    forms_with_dates = {
        f"{form.__module__}.{form.__name__}.{name}": field
        for form in project_forms()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.DateField | forms.DateTimeField)
    }
    assert "reservations.rooms.forms.ReservationEntryForm.arrival" in forms_with_dates
    assert "clienthistory.forms.ProfileForm.birthday" in forms_with_dates
    unbounded = [name for name, field in forms_with_dates.items() if not isinstance(field, DateField | DateTimeField)]
    assert not unbounded


class Visit(forms.Form):
    birthday = DateField(required=False)
    arrival = NearDateField(required=False)
    start = NearDateTimeField(required=False)


def errors(data, initial=None) -> dict:
    form = Visit(data, initial=initial)
    form.is_valid()
    return form.errors


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "1899-12-31"])
def test_a_date_at_the_edge_of_the_calendar_is_a_field_error(value):
    assert list(errors({"birthday": value, "arrival": value, "start": f"{value}T00:00"})) == [
        "birthday",
        "arrival",
        "start",
    ]


def test_a_birthday_may_lie_long_ago():
    assert not errors({"birthday": "1900-01-01"})


def test_a_business_date_lies_within_the_window_around_today(settings):
    settings.DATE_WINDOW_DAYS_BACK, settings.DATE_WINDOW_DAYS_AHEAD = 10, 20
    assert not errors({"arrival": TODAY - timedelta(days=10), "start": f"{TODAY + timedelta(days=20)}T23:59"})
    refused = errors({"arrival": TODAY - timedelta(days=11), "start": f"{TODAY + timedelta(days=21)}T00:00"})
    assert list(refused) == ["arrival", "start"]
    assert refused["arrival"][0].startswith("Enter a date from")


def test_a_date_the_form_already_held_is_kept():
    long_ago = date(2001, 5, 1)
    start = timezone.make_aware(datetime(2001, 5, 1, 18))
    assert not errors({"arrival": long_ago, "start": "2001-05-01T19:30"}, initial={"arrival": long_ago, "start": start})
    moved = errors({"arrival": long_ago + timedelta(days=1)}, initial={"arrival": long_ago})
    assert list(moved) == ["arrival"]
