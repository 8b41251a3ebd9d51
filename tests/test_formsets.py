"""A post cannot make the server build thousands of forms: each formset caps the form count a post may claim."""

import pytest

from marketing.audiences.forms import rule_formset
from marketing.audiences.rules import MAX_RULES
from receivables.forms import MAX_LINES, LineFormSet
from reservations.functionspace.forms import MAX_SETUPS, RoomSetupFormSet
from reservations.models import DepositInstalment, FunctionRoom
from reservations.sales.forms import MAX_INSTALMENTS, DepositFormSet

pytestmark = pytest.mark.django_db

CLAIMED = {"form-TOTAL_FORMS": "99999999", "form-INITIAL_FORMS": "0"}


@pytest.mark.parametrize(
    ("build", "cap"),
    [
        (lambda: RoomSetupFormSet(CLAIMED, instance=FunctionRoom(), prefix="form"), MAX_SETUPS),
        (lambda: DepositFormSet(CLAIMED, queryset=DepositInstalment.objects.none()), MAX_INSTALMENTS),
        (lambda: LineFormSet(CLAIMED), MAX_LINES),
        (lambda: rule_formset({key.replace("form", "rules"): value for key, value in CLAIMED.items()}), MAX_RULES),
    ],
)
def test_a_post_claiming_millions_of_forms_gets_at_most_the_cap_and_an_error(build, cap):
    formset = build()

    assert len(formset.forms) == cap
    assert not formset.is_valid()
    assert f"Please submit at most {cap} forms." in formset.non_form_errors()
