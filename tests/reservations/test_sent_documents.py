"""Proposals and BEOs sent to the client by email and answered through a personal link: what is sent is frozen,
the link opens only its own document until it is answered, expires or is replaced, the answer is recorded once
(name, time, address), and every email to the client is logged on the account."""

import io
import re
import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from clienthistory.models import Activity
from reservations.models import Booking, SentDocument
from reservations.sales.deposits import set_deposit_schedule
from reservations.sales.sending import DocumentClosed, accept_document, send_document
from tests.factories import (
    AccountFactory,
    BookingFactory,
    FunctionRoomFactory,
    ProfileFactory,
    UserFactory,
    make_event,
)

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s\"<]+/sales/client/([A-Za-z0-9_-]+)/")


@pytest.fixture
def booking():
    """A wedding of 12 tables at 3,888.00 a table: 46,656.00; deposits 30 % = 13,996.80 and 70 % = 32,659.20."""
    account = AccountFactory(name="王氏家族", letter_language="zh-hans")
    contact = ProfileFactory(name="王芳", email="wangfang@example.cn", account=account)
    owner = UserFactory(username="liu", first_name="刘销售", email="liu@hotel.example", roles=["sales"])
    booking = BookingFactory(name="王芳婚宴", account=account, contact=contact, owner=owner)
    event = make_event(booking, FunctionRoomFactory(capacity=300), title="婚宴晚宴", pricing="per_table", tables=12,
                       expected=120, menu_price=Decimal("3888"))  # fmt: skip
    booking.refresh_from_db()
    set_deposit_schedule(booking=booking, instalments=[
        {"due_on": event.start.date() - timedelta(days=60), "basis": "percent", "value": Decimal("30"),
         "description": "定金"},
        {"due_on": event.start.date() - timedelta(days=7), "basis": "percent", "value": Decimal("70"),
         "description": "余款"},
    ])  # fmt: skip
    return booking


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` sends the emails queued in the block, as its commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def send(committed):
    def sent(booking, *, days=14, to="wangfang@example.cn", now=None):
        with committed():
            return send_document(booking=booking, event=None, to=to, language="zh-hans", note="请查收。", days=days,
                                 by=booking.owner, now=now or timezone.now())  # fmt: skip

    return sent


@pytest.fixture
def accept(committed):
    def accepted(document, *, name="王芳", address=None):
        with committed():
            return accept_document(document, name=name, address=address, now=timezone.now())

    return accepted


def _token(message) -> str:
    return LINK.search(message.body).group(1)


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_sending_emails_the_frozen_pdf_and_a_personal_link_and_logs_it_on_the_account(booking, client_for, committed):
    with committed():
        response = client_for("sales").post(
            reverse("reservations:booking-send", args=[booking.pk]),
            {"to": "wangfang@example.cn", "language": "zh-hans", "days": "14", "note": "请查收。"},
        )
    assert response.status_code == 302
    document = SentDocument.objects.get()
    assert document.value == Decimal("46656.00")
    (message,) = mail.outbox
    assert message.to == ["wangfang@example.cn"]
    assert "王芳婚宴" in message.subject
    ((filename, content, mimetype),) = message.attachments
    assert filename == f"proposal-{booking.pk}-{document.pk}.pdf"
    assert mimetype == "application/pdf"
    assert "王芳婚宴" in _pdf_text(content)
    assert "¥3,888.00" in _pdf_text(content)  # the per-table price
    assert bytes(document.pdf) == content
    activity = Activity.objects.get(account=booking.account)
    assert activity.kind == Activity.Kind.EMAIL
    assert activity.done
    assert "wangfang@example.cn" in activity.purpose


def test_the_link_is_256_random_bits_and_only_its_digest_is_stored(booking, send):
    sent = send(booking)
    token = _token(mail.outbox[0])
    assert sent.link.endswith(f"/{token}/")
    assert len(token) >= 43  # token_urlsafe(32): 256 bits; the issue asks for at least 128
    stored = SentDocument.objects.filter(pk=sent.document.pk).values()[0]
    assert not [name for name, value in stored.items() if isinstance(value, str) and token in value]


def test_the_page_shows_its_own_document_and_the_deposit_schedule(booking, client, send):
    other = BookingFactory(name="别家的年会")
    make_event(other, title="别家的晚宴", menu_price=Decimal("500"))
    send(booking)
    page = client.get(reverse("reservations:client-document", args=[_token(mail.outbox[0])]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "王芳婚宴" in text
    assert "¥46,656.00" in text
    assert "¥13,996.80" in text
    assert "¥32,659.20" in text
    assert "别家" not in text
    assert page["Referrer-Policy"] == "same-origin"
    assert SentDocument.objects.get().opened_at is not None


def test_an_unknown_or_altered_link_is_not_found(booking, client, send):
    send(booking)
    token = _token(mail.outbox[0])
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.get(reverse("reservations:client-document", args=[altered])).status_code == 404
    assert client.get(reverse("reservations:client-document-pdf", args=[altered])).status_code == 404


def test_accepting_records_name_time_address_freezes_the_pdf_and_tells_client_and_owner(
    booking, client, send, committed
):
    send(booking)
    token = _token(mail.outbox[0])
    url = reverse("reservations:client-document", args=[token])
    with committed():
        response = client.post(url, {"answer": "accept", "accept-name": " 王 芳 ", "accept-agree": "on"},
                               REMOTE_ADDR="203.0.113.7")  # fmt: skip
    assert response.status_code == 302
    document = SentDocument.objects.get()
    assert document.state == SentDocument.State.ACCEPTED
    assert document.accepted_name == "王 芳"
    assert document.answered_from == "203.0.113.7"
    assert document.answered_at is not None
    accepted = _pdf_text(bytes(document.accepted_pdf))
    assert "王 芳" in accepted
    assert "203.0.113.7" in accepted
    confirmation, to_owner = mail.outbox[1:]
    assert confirmation.to == ["wangfang@example.cn"]
    assert confirmation.attachments[0][1] == bytes(document.accepted_pdf)
    assert to_owner.to == ["liu@hotel.example"]
    assert Activity.objects.filter(account=booking.account, kind=Activity.Kind.EMAIL).count() == 2
    booking.refresh_from_db()
    assert booking.status == Booking.Status.TENTATIVE  # by default the owner confirms
    page = client.get(url).content.decode()
    assert 'data-testid="document-accepted"' in page
    assert 'data-testid="accept"' not in page


def test_the_link_is_answered_once(booking, client, send):
    send(booking)
    token = _token(mail.outbox[0])
    url = reverse("reservations:client-document", args=[token])
    client.post(url, {"answer": "accept", "accept-name": "王芳", "accept-agree": "on"})
    again = client.post(url, {"answer": "changes", "changes-message": "改成十三桌"})
    assert again.status_code == 200
    document = SentDocument.objects.get()
    assert document.state == SentDocument.State.ACCEPTED
    assert document.changes_asked == ""
    with pytest.raises(DocumentClosed):
        accept_document(document, name="别人", address=None, now=timezone.now())


def test_accepting_needs_a_name_and_the_tick(booking, client, send):
    send(booking)
    url = reverse("reservations:client-document", args=[_token(mail.outbox[0])])
    response = client.post(url, {"answer": "accept", "accept-name": "   "})
    assert response.status_code == 400
    assert SentDocument.objects.get().state == SentDocument.State.SENT


def test_acceptance_makes_the_booking_definite_when_the_hotel_chose_so(booking, settings, send, accept):
    settings.PROPOSAL_ACCEPTANCE_CONFIRMS = True
    accept(send(booking).document)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.DEFINITE
    assert "预订已改为确定。" in mail.outbox[-1].body  # to the owner, in the hotel's language


def test_a_refused_confirmation_keeps_the_acceptance_and_tells_the_owner_why(booking, settings, send, accept):
    settings.PROPOSAL_ACCEPTANCE_CONFIRMS = True
    type(booking.account).objects.filter(pk=booking.account_id).update(credit_hold=True)
    accept(send(booking).document)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.TENTATIVE
    assert SentDocument.objects.get().state == SentDocument.State.ACCEPTED
    assert "信用冻结" in mail.outbox[-1].body


def test_an_expired_link_shows_nothing_and_takes_no_answer(booking, client, send):
    send(booking, days=1, now=timezone.now() - timedelta(days=2))
    token = _token(mail.outbox[0])
    url = reverse("reservations:client-document", args=[token])
    page = client.get(url)
    assert page.status_code == 410
    assert "¥46,656.00" not in page.content.decode()
    client.post(url, {"answer": "accept", "accept-name": "王芳", "accept-agree": "on"})
    assert SentDocument.objects.get().state == SentDocument.State.SENT
    assert client.get(reverse("reservations:client-document-pdf", args=[token])).status_code == 404


def test_sending_a_new_version_closes_the_old_link(booking, client, send):
    send(booking)
    send(booking)
    old, new = (_token(message) for message in mail.outbox)
    response = client.post(reverse("reservations:client-document", args=[old]),
                           {"answer": "accept", "accept-name": "王芳", "accept-agree": "on"})  # fmt: skip
    assert response.status_code == 410
    states = dict(SentDocument.objects.values_list("state", "pk"))
    assert set(states) == {SentDocument.State.SUPERSEDED, SentDocument.State.SENT}
    assert client.get(reverse("reservations:client-document", args=[new])).status_code == 200


def test_asking_for_changes_reaches_the_owner(booking, client, send, committed):
    send(booking)
    url = reverse("reservations:client-document", args=[_token(mail.outbox[0])])
    with committed():
        client.post(url, {"answer": "changes", "changes-message": "请改成十三桌。"})
    document = SentDocument.objects.get()
    assert document.state == SentDocument.State.CHANGES
    assert document.changes_asked == "请改成十三桌。"
    assert "请改成十三桌。" in mail.outbox[-1].body
    assert mail.outbox[-1].to == ["liu@hotel.example"]


def test_the_beo_is_sent_for_sign_off_with_its_version(booking, client_for):
    event = booking.events.get()
    response = client_for("sales").post(
        f"{reverse('reservations:booking-send', args=[booking.pk])}?event={event.pk}",
        {"to": "wangfang@example.cn", "language": "en", "days": "7", "note": ""},
    )
    assert response.status_code == 302
    document = SentDocument.objects.get()
    assert document.kind == SentDocument.Kind.BEO
    assert document.beo_version == event.beo_version
    assert "Banquet event order" in _pdf_text(bytes(document.pdf))


def test_an_event_of_another_booking_cannot_be_sent_from_this_one(booking, client_for):
    stranger = make_event(BookingFactory(), title="别家的晚宴")
    url = f"{reverse('reservations:booking-send', args=[booking.pk])}?event={stranger.pk}"
    assert client_for("sales").get(url).status_code == 404


def test_a_bad_send_form_shows_field_errors(booking, client_for):
    response = client_for("sales").post(
        reverse("reservations:booking-send", args=[booking.pk]),
        {"to": "not-an-address", "language": "zh-hans", "days": "400"},
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"to", "days"}
    assert not SentDocument.objects.exists()


def test_the_booking_shows_the_acceptance_and_its_query_count_does_not_grow(
    booking, client_for, django_assert_max_num_queries, send
):
    url = reverse("reservations:booking-detail", args=[booking.pk])
    sales = client_for("sales")
    sales.get(url)
    document = send(booking).document
    accept_document(document, name="王芳", address="203.0.113.9", now=timezone.now())
    for _ in range(3):
        send(booking)
    with django_assert_max_num_queries(40) as counted:
        page = sales.get(url).content.decode()
    assert 'data-testid="proposal-accepted"' in page
    assert "203.0.113.9" in page
    send(booking)
    with django_assert_max_num_queries(len(counted.captured_queries)):
        sales.get(url)


@pytest.mark.django_db(transaction=True)
def test_two_acceptances_at_once_record_one():
    account = AccountFactory()
    booking = BookingFactory(account=account, contact=ProfileFactory(account=account, email="k@example.cn"))
    make_event(booking, menu_price=Decimal("100"))
    document = send_document(booking=booking, event=None, to="k@example.cn", language="zh-hans", note="", days=14,
                             by=booking.owner, now=timezone.now()).document  # fmt: skip
    barrier = threading.Barrier(2)
    outcomes = []

    def attempt(name):
        try:
            barrier.wait()
            accept_document(SentDocument.objects.get(pk=document.pk), name=name, address=None, now=timezone.now())
            outcomes.append("accepted")
        except DocumentClosed:
            outcomes.append("closed")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(name,)) for name in ("甲", "乙")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["accepted", "closed"]
    assert SentDocument.objects.get().accepted_name in {"甲", "乙"}


def test_the_booking_shows_which_beo_version_the_client_signed_off(booking, client_for, committed):
    event = booking.events.get()
    with committed():
        document = send_document(booking=booking, event=event, to="wangfang@example.cn", language="zh-hans", note="",
                                 days=7, by=booking.owner, now=timezone.now()).document  # fmt: skip
        accept_document(document, name="王芳", address=None, now=timezone.now())
    page = client_for("sales").get(reverse("reservations:booking-detail", args=[booking.pk])).content.decode()
    signed_off = page.split('data-testid="beo-signed-off"')[1].split("</div>")[0]
    assert "王芳" in signed_off
    assert "text-success" in page.split('data-testid="beo-signed-off"')[0][-40:]
