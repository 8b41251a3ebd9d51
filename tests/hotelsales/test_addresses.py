from django.urls import reverse

from hotelsales.listing import addresses


def test_an_address_reversed_once_is_the_one_reversed_for_each_row():
    drill_down = addresses("receivables:aging-account")
    for pk in (1, 20, 2_147_483_646):
        assert drill_down(pk) == reverse("receivables:aging-account", args=[pk])
