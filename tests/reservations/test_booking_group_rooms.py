"""The booking's group-rooms tab: the block's rate and cutoff, and the way to its grid and rooming list."""

from datetime import date, timedelta
from decimal import Decimal

import lxml.html
import pytest
import time_machine
from django.urls import reverse

from reservations.models import GroupBlock
from reservations.rooms.blocks import Cell, set_block_grid
from tests.factories import BookingFactory, RoomTypeFactory

pytestmark = pytest.mark.django_db

FIRST = date(2026, 9, 10)


@pytest.fixture
def block():
    king = RoomTypeFactory(code="K", rooms=50)
    booking = BookingFactory(kind="group", status="definite")
    block = GroupBlock.objects.create(booking=booking, rate=Decimal("650"), cutoff_date=date(2026, 8, 20))
    set_block_grid(
        block=block, cells={(king, FIRST + timedelta(days=n)): Cell(contracted=20, blocked=20) for n in (0, 1)}
    )
    return block


def group_rooms_tab(client, booking):
    page = client.get(booking.get_absolute_url())
    assert page.status_code == 200
    return lxml.html.fromstring(page.content).get_element_by_id("rooms")


@time_machine.travel(date(2026, 8, 1))
@pytest.mark.parametrize("role", ["sales", "front_desk"])
def test_the_tab_shows_the_rate_and_cutoff_and_its_links_open(client_for, block, role):
    client = client_for(role)
    tab = group_rooms_tab(client, block.booking)
    text = " ".join(tab.text_content().split())
    assert "团队价 ¥650.00，截止日期 2026年8月20日。" in text
    links = {link.get("data-testid"): link.get("href") for link in tab.iter("a")}
    assert links["block-grid"] == block.get_absolute_url()
    assert links["rooming-import"] == reverse("reservations:block-rooming-import", args=[block.pk])
    for href in links.values():
        assert client.get(href).status_code == 200


@time_machine.travel(date(2026, 9, 20))
def test_after_the_stay_the_tab_shows_the_attrition_charge_as_a_label(client_for, block):
    text = " ".join(group_rooms_tab(client_for("sales"), block.booking).text_content().split())
    assert "减房赔偿：¥" in text


def test_a_released_block_offers_no_rooming_list_import(client_for, block):
    GroupBlock.objects.filter(pk=block.pk).update(released_on=date(2026, 8, 20))
    client = client_for("sales")
    links = {link.get("data-testid") for link in group_rooms_tab(client, block.booking).iter("a")}
    assert "rooming-import" not in links
    grid = lxml.html.fromstring(client.get(block.get_absolute_url()).content)
    assert not grid.xpath("//*[@data-testid='rooming-import']")
