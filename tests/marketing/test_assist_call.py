"""The caller's screen-pop: the number as a softphone passes it, matched to guest profiles by mobile — one guest's
card, a list when several share the number, the way to a new profile when none has it, and a 400 for no number."""

import pytest
from django.urls import reverse

from marketing.assist.calls import MOST_SHOWN, caller_number
from tests.factories import AccountFactory, ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed",
    [
        *("+86 138-0013-8000", "13800138000", "0086 138 0013 8000", "8613800138000", "(138) 0013.8000"),
        *("１３８００１３８０００", "＋８６　１３８－００１３－８０００"),  # full-width, from a Chinese input method
    ],
)
def test_a_chinese_mobile_comes_to_its_eleven_digits_however_it_is_written(typed):
    assert caller_number(typed) == "13800138000"


def test_a_landline_or_a_foreign_number_is_kept_as_it_is():
    assert caller_number("010-8888 6666") == "01088886666"
    assert caller_number("+44 20 7946 0958") == "+442079460958"


@pytest.mark.parametrize("typed", ["", "   ", "+86", "abc", "138 0013 80OO", "1234", "<script>", "1" * 21])
def test_what_is_no_phone_number_is_refused(typed):
    assert caller_number(typed) is None


def pop(client, number: str | None):
    return client.get(reverse("marketing:assist-call"), {} if number is None else {"number": number})


def test_one_guest_with_the_number_pops_up_their_card(client_for):
    guest = ProfileFactory(name="韩梅梅", mobile="13800138000")
    ProfileFactory(name="李雷", mobile="13800138001")

    response = pop(client_for("front_desk"), "+86 138-0013-8000")

    assert response.status_code == 200
    assert "marketing/assist/card_page.html" in [template.name for template in response.templates]
    assert response.context["card"].profile == guest
    assert "韩梅梅" in response.content.decode()


def test_a_mobile_kept_with_its_country_code_is_found_too(client_for):
    guest = ProfileFactory(mobile="+8613800138000")

    assert pop(client_for("sales"), "138 0013 8000").context["card"].profile == guest


def test_a_number_two_guests_share_lists_both_to_choose_from(client_for):
    firm = AccountFactory(name="星辰科技")
    husband = ProfileFactory(name="王强", mobile="13900139000", account=firm)
    wife = ProfileFactory(name="刘芳", mobile="+8613900139000")
    ProfileFactory(name="王强", mobile="13900139000", merged_into=husband)

    response = pop(client_for("manager"), "139-0013-9000")

    assert response.status_code == 200
    assert response.context["callers"] == [wife, husband]
    page = response.content.decode()
    for guest in (husband, wife):
        assert reverse("marketing:assist-card", args=[guest.pk]) in page
    assert "星辰科技" in page


def test_an_unknown_number_offers_a_new_profile_with_that_mobile(client_for):
    ProfileFactory(mobile="13800138000")
    client = client_for("front_desk")

    response = pop(client, "+86 137 0000 0000")

    assert response.status_code == 200
    assert response.context["callers"] == []
    create = f"{reverse('clienthistory:profile-create')}?mobile=13700000000"
    assert create in response.content.decode()
    assert client.get(create).context["form"]["mobile"].value() == "13700000000"


@pytest.mark.parametrize("number", [None, "", "abc", "+86", "１２"])
def test_no_number_or_a_bad_one_is_a_400_that_says_so(number, client_for):
    response = pop(client_for("front_desk"), number)

    assert response.status_code == 400
    assert response.context["form"].errors["number"]
    assert 'name="number"' in response.content.decode()


@pytest.mark.parametrize("sharing", [2, MOST_SHOWN, 30])
def test_the_list_of_callers_reads_the_same_queries_however_many_share_the_number(
    sharing, client_for, django_assert_max_num_queries
):
    for _ in range(sharing):
        ProfileFactory(mobile="13600136000", account=AccountFactory())
    client = client_for("sales")
    with django_assert_max_num_queries(4):
        response = pop(client, "13600136000")
    assert len(response.context["callers"]) == min(sharing, MOST_SHOWN)
    assert response.context["more"] == (sharing > MOST_SHOWN)
