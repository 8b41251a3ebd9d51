"""The public inquiry form: a lead with a reference and a receipt; its spam defences (honeypot, minimum fill time,
per-address rate limit); field errors, never a 500; framed only by the hotel's own website when set."""

import time
import uuid
from datetime import timedelta

import pytest
import time_machine
from django.core import mail, signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketing.leads.defences import address_hash
from marketing.leads.forms import SHOWN_SALT
from marketing.models import Lead

pytestmark = pytest.mark.django_db
URL = "/inquiry/"


def an_address() -> str:
    """An address of the test's own: the rate limit's counts (in Redis) outlive a test."""
    n = uuid.uuid4().int
    return f"10.{n % 250}.{(n >> 8) % 250}.{(n >> 16) % 250 + 1}"


def inquiry(**fields) -> dict:
    return {
        "kind": "wedding", "preferred_date": (timezone.localdate() + timedelta(days=120)).isoformat(), "guests": "200",
        "tables": "20", "budget": "88000", "contact_name": "张伟", "mobile": "138 0013 8000",
        "email": "Zhang.Wei@Example.com", "company": "", "message": "十月的周末，二十桌左右。", "website": "",
        "shown": signing.dumps(time.time() - 30, salt=SHOWN_SALT), **fields,
    }  # fmt: skip


@pytest.fixture
def visitor():
    return Client(REMOTE_ADDR=an_address())


def test_an_inquiry_becomes_a_lead_with_a_reference_and_a_receipt(visitor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), CaptureQueriesContext(connection) as queries:
        response = visitor.post(URL, inquiry(), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    # The budget is 10; the test's transaction adds savepoints where the app has BEGIN and COMMIT.
    assert len([q for q in queries if "SAVEPOINT" not in q["sql"]]) <= 10
    lead = Lead.objects.get()
    assert (lead.source, lead.status, lead.mobile, lead.email, lead.language) == (
        "web", "new", "13800138000", "zhang.wei@example.com", "en"
    )  # fmt: skip
    assert lead.reference.startswith("L")
    assert str(lead.pk) in lead.reference
    assert len(lead.address_hash) == 64
    thanks = visitor.get(response.url)
    assert lead.reference in thanks.content.decode()
    assert mail.outbox[0].to == ["zhang.wei@example.com"]
    assert lead.reference in mail.outbox[0].subject


def test_the_form_is_shown_in_the_visitors_language(visitor, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert "Send inquiry" in visitor.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Send inquiry" in visitor.get(f"{URL}?lang=en").content.decode()


def test_a_filled_honeypot_is_thanked_and_saved_nowhere(visitor):
    response = visitor.post(URL, inquiry(website="http://spam.example"))
    assert response.status_code == 302
    assert visitor.get(response.url).status_code == 200
    assert not Lead.objects.exists()
    assert not mail.outbox


def test_a_form_sent_back_too_quickly_is_refused_with_a_request_to_send_it_again(visitor, settings):
    settings.INQUIRY_MIN_SECONDS = 5
    response = visitor.post(URL, inquiry(shown=signing.dumps(time.time() - 1, salt=SHOWN_SALT)))
    assert response.status_code == 400
    assert "shown" in response.context["form"].errors
    assert not Lead.objects.exists()


def test_a_forged_time_is_refused(visitor):
    response = visitor.post(URL, inquiry(shown=str(time.time() - 60)))
    assert response.status_code == 400
    assert not Lead.objects.exists()


def test_a_thousand_posts_from_one_address_in_a_minute_are_cut_off_and_none_from_others_is_lost(settings):
    """The issue's flood: 1,000 inquiries from one address within one clock minute (the clock is held still, so the
    minute cannot turn over and start the count again), with an inquiry from another address after every 50th."""
    flooder_address = an_address()
    flooder = Client(REMOTE_ADDR=flooder_address)
    others = [an_address() for _ in range(20)]
    with time_machine.travel(timezone.now().replace(second=1), tick=False):
        codes, other_codes = [], []
        for n in range(1000):
            codes.append(flooder.post(URL, inquiry(mobile=f"139{n:08d}", email="")).status_code)
            if n % 50 == 49:
                other = Client(REMOTE_ADDR=others[n // 50])
                other_codes.append(other.post(URL, inquiry(mobile=f"137{n:08d}", email="")).status_code)
    rate = settings.INQUIRY_RATE_PER_MINUTE
    assert codes == [302] * rate + [429] * (1000 - rate)
    assert Lead.objects.filter(address_hash=address_hash(flooder_address)).count() == rate
    assert other_codes == [302] * 20
    assert Lead.objects.filter(address_hash__in=[address_hash(address) for address in others]).count() == 20


@pytest.mark.django_db(transaction=True)
def test_an_inquiry_is_saved_in_at_most_ten_queries(visitor, django_assert_max_num_queries):
    """Counted as in production: outside a test's transaction, the post's own transaction takes no savepoints."""
    with django_assert_max_num_queries(10):
        assert visitor.post(URL, inquiry(email="")).status_code == 302
    assert Lead.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": "yacht"}, "kind"),
        ({"guests": "100000"}, "guests"),
        ({"guests": "-3"}, "guests"),
        ({"budget": "1e400"}, "budget"),
        ({"preferred_date": "2001-01-01"}, "preferred_date"),
        ({"preferred_date": "tomorrow"}, "preferred_date"),
        ({"mobile": "", "email": ""}, "mobile"),
        ({"mobile": "call me"}, "mobile"),
        ({"email": "not-an-email"}, "email"),
        ({"contact_name": ""}, "contact_name"),
        ({"contact_name": "x" * 101}, "contact_name"),
        ({"message": "x" * 4001}, "message"),
    ],
)
def test_bad_input_gets_field_errors(visitor, fields, field):
    response = visitor.post(URL, inquiry(**fields))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Lead.objects.exists()


def test_the_form_is_framed_by_no_one_unless_the_hotels_website_is_named(visitor, settings):
    response = visitor.get(URL)
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    settings.INQUIRY_FRAME_ANCESTORS = ["https://www.hotel.example"]
    response = visitor.get(URL)
    assert "X-Frame-Options" not in response
    assert "frame-ancestors https://www.hotel.example" in response["Content-Security-Policy"]


def test_a_made_up_reference_is_not_shown(visitor):
    response = visitor.get("/inquiry/thanks/?r=L2612-00001")
    assert response.status_code == 200
    assert 'data-testid="inquiry-reference"' not in response.content.decode()
