"""Bidirectional control characters (U+202E and its kin) are stripped from what people type and import: a name or a
reference holding one would read otherwise than it is written."""

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse
from django.utils import timezone

from clienthistory.imports import ACCOUNT_COLUMNS, import_accounts
from clienthistory.models import Account, Profile
from hotelsales.forms import StripsBidiControls, without_bidi_controls
from hotelsales.tabular import Row, read_table
from receivables.models import Payment
from tests.factories import AccountFactory
from tests.helpers import with_token

RLO, LRI, PDI, RLM = "\u202e", "\u2066", "\u2069", "\u200f"
APPS = ("hotelsales", "clienthistory", "reservations", "receivables", "overview")


@pytest.mark.django_db
def test_a_name_with_a_right_to_left_override_is_saved_without_it(client_for):
    client_for("sales").post(reverse("clienthistory:account-create"), {
        "name": f"华为{RLO}技术", "kind": "company", "segment": "corporate", "status": "prospect",
        "letter_language": "zh-hans", "payment_terms_days": 30,
    })  # fmt: skip
    client_for("front_desk").post(reverse("clienthistory:profile-create"), {"name": f"{LRI}王芳{PDI}{RLM}",
                                                                             "language": "zh-hans"})  # fmt: skip
    assert list(Account.objects.values_list("name", flat=True)) == ["华为技术"]
    assert list(Profile.objects.values_list("name", flat=True)) == ["王芳"]


@pytest.mark.django_db
def test_a_payment_reference_is_saved_without_them(client_for):
    account = AccountFactory()
    client_for("receivables").post(reverse("receivables:payment-create"), with_token({
        "account": account.pk, "date": timezone.localdate().isoformat(), "amount": "500", "method": "bank_transfer",
        "reference": f"招行回单 {RLO}2400",
    }))  # fmt: skip
    assert Payment.objects.get().reference == "招行回单 2400"


@pytest.mark.django_db
def test_a_name_of_nothing_but_controls_is_refused_as_empty(client_for):
    response = client_for("sales").post(reverse("clienthistory:account-create"), {
        "name": f"{RLO}{LRI}", "kind": "company", "segment": "corporate", "status": "prospect",
        "letter_language": "zh-hans", "payment_terms_days": 30,
    }, HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert not Account.objects.exists()


@pytest.mark.django_db
def test_imported_cells_lose_them(cast):
    rows = read_table(SimpleUploadedFile("a.csv", f"名称,备注\n甲{RLO}公司,{LRI}年会{PDI}\n".encode()),
                      columns=ACCOUNT_COLUMNS).rows  # fmt: skip
    assert rows[0].values == {"name": "甲公司", "notes": "年会"}
    import_accounts(rows=[Row(2, {"name": f"乙{RLO}公司", "notes": ""})], by=cast["sales"])
    assert Account.objects.get().name == "乙公司"


def _subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


def test_every_form_with_a_text_field_strips_them():
    assert get_resolver().url_patterns  # importing every view imports every form
    forms_with_text = {
        form
        for form in _subclasses(forms.BaseForm)
        if form.__module__.startswith(APPS)
        and any(
            isinstance(field, forms.CharField) and not field.widget.is_hidden for field in form.base_fields.values()
        )
    }
    assert len(forms_with_text) > 30
    assert not {
        f"{form.__module__}.{form.__name__}" for form in forms_with_text if not issubclass(form, StripsBidiControls)
    }


def test_the_controls_that_are_stripped():
    controls = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    assert without_bidi_controls(f"a{controls}b\u200dc") == "ab\u200dc"  # the zero-width joiner is part of emoji
