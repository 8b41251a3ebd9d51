"""A marketing email's links: clicks counted through the app's own redirect, and a working unsubscribe link."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from marketing.channels.links import tracked_url, unsubscribe_url
from marketing.models import Click, OptOut, Touch
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

OFFER = "https://hotel.example.cn/offers/spring-2027?utm=mail"


@pytest.fixture
def touch():
    guest = ProfileFactory(name="王芳", email="wang.fang@example.cn", marketing_consent=True)
    return Touch.objects.create(profile=guest, occasion="campaign:1", channel="email", outcome="sent",
                                at=timezone.now())  # fmt: skip


def path_of(url: str) -> str:
    return urlsplit(url).path


def test_a_click_is_counted_once_and_sends_the_guest_on(client, touch):
    link = path_of(tracked_url(touch, OFFER))
    for _ in range(3):
        answer = client.get(link)
        assert (answer.status_code, answer["Location"]) == (302, OFFER)
    click = Click.objects.get()
    assert (click.touch, click.url) == (touch, OFFER)


def test_a_forged_or_altered_link_goes_nowhere(client, touch):
    link = path_of(tracked_url(touch, OFFER))
    assert client.get(link[:-3] + "xyz/").status_code == 404
    assert client.get(reverse("marketing:click", args=["https:evil.example"])).status_code == 404
    assert not Click.objects.exists()


def test_opening_the_unsubscribe_link_only_asks(client, touch):
    page = client.get(path_of(unsubscribe_url(touch)), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 200
    assert "王芳" in page.content.decode()
    assert not OptOut.objects.exists()


def test_unsubscribing_opts_the_address_out_and_takes_the_consent(client, touch):
    url = path_of(unsubscribe_url(touch))
    for _ in range(2):  # the page's button, then a mail program's one-click POST
        assert client.post(url).status_code == 200
    opt_out = OptOut.objects.get()
    assert (opt_out.channel, opt_out.address, opt_out.source) == ("email", "wang.fang@example.cn", "link")
    touch.profile.refresh_from_db()
    assert touch.profile.marketing_consent is False


def test_a_forged_unsubscribe_link_changes_nothing(client, touch):
    assert client.post(reverse("marketing:unsubscribe", args=[f"{touch.pk}:forged"])).status_code == 404
    assert not OptOut.objects.exists()
