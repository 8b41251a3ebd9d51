"""The availability grid is laid out once per change of the counts it shows: it is cached under a digest of them
(and of the release and language), so a room sold shows at once, however the inventory was written."""

import pytest
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from hotelsales.release import release
from reservations.models import Inventory
from reservations.rooms.availability import availability, version
from tests.factories import RoomTypeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def king():
    king = RoomTypeFactory(code="K", rooms=30)
    Inventory.objects.create(room_type=king, night=timezone.localdate(), total=30, sold=4, blocked=6, picked_up=2)
    return king


def cell(page) -> str:
    text = page.content.decode()
    start = text.index(f'data-room-type="K" data-night="{timezone.localdate():%Y-%m-%d}"')
    return text[text.index(">", start) + 1 : text.index("</td>", start)]


def test_the_second_look_is_read_from_the_cache(client_for, king):
    client = client_for("front_desk")
    assert cell(client.get(reverse("reservations:availability"))) == "20"
    rows = availability(first_night=timezone.localdate(), nights=14)
    key = make_template_fragment_key("availability-grid", [version(rows), "zh-hans", release()])
    assert 'data-testid="availability"' in cache.get(key)
    cache.set(key, '<p data-testid="from-the-cache"></p>')
    assert 'data-testid="from-the-cache"' in client.get(reverse("reservations:availability")).content.decode()


def test_a_room_sold_in_bulk_shows_at_once(client_for, king):
    client = client_for("front_desk")
    assert cell(client.get(reverse("reservations:availability"))) == "20"
    Inventory.objects.filter(room_type=king).update(sold=F("sold") + 3)
    assert cell(client.get(reverse("reservations:availability"))) == "17"


def test_each_language_lays_out_its_own_grid(client_for, king):
    client = client_for("front_desk")
    english = client.get(reverse("reservations:availability"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chinese = client.get(reverse("reservations:availability"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "sold 4, blocked 6 (picked up 2)" in english
    assert "已售 4，预留 6（已取房 2）" in chinese
