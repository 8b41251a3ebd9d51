"""An offer code as it is typed: kept upper-case, full-width characters read as the plain ones, the one format that
promotions, reservations and bookings share."""

import pytest
from django.core.exceptions import ValidationError

from hotelsales.forms import OfferCodeField
from hotelsales.validators import offer_code_validator
from marketing.models import Promotion
from reservations.models import Booking, Reservation


@pytest.mark.parametrize(
    ("typed", "kept"),
    [(" summer-2027 ", "SUMMER-2027"), ("ｍｉｄ－２６", "MID-26"), ("\u3000qixi26\u3000", "QIXI26"), ("", "")],
)
def test_a_typed_code_is_kept_upper_case(typed, kept):
    assert OfferCodeField(required=False).clean(typed) == kept


@pytest.mark.parametrize("typed", ["七夕", "AB", "SUMMER 2027", "SUMMER_2027", "A" * 21])
def test_a_code_of_another_form_is_refused(typed):
    with pytest.raises(ValidationError):
        OfferCodeField(required=False).clean(typed)


def test_promotions_reservations_and_bookings_share_one_format():
    for model in (Promotion, Reservation, Booking):
        assert model._meta.get_field("offer_code").validators[0] is offer_code_validator
