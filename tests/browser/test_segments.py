"""Client segments in a browser: a salesperson builds a segment of two rules, changing a row's kind and adding
rows, sees the live count follow each change, and saves it; on a phone no page of segments runs off the right
edge."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from marketing.audiences.rules import make_rule
from marketing.models import Audience
from tests.factories import AudienceFactory, ProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def counted(page, number: int):
    expect(page.get_by_test_id("member-count")).to_have_text(re.compile(rf"^\s*{number}\D"))


def test_a_salesperson_builds_a_segment_and_the_count_follows_the_rules(cast, page, sign_in):
    soon = timezone.localdate() + timedelta(days=3)
    for consent in (True, True, False):
        ProfileFactory(birthday=soon.replace(year=1988), marketing_consent=consent)
    ProfileFactory.create_batch(2, birthday=None, marketing_consent=True)
    sign_in("sales-user")
    page.goto(reverse("marketing:audience-create"))
    page.get_by_label(re.compile("名称|Name")).first.fill("生日将至的客人")
    counted(page, 5)  # no rule yet: everyone

    page.get_by_test_id("add-rule").click()  # a row of the first kind, stays in a period, still to be filled in
    expect(page.get_by_test_id("rule-problems")).to_be_visible()
    page.get_by_test_id("rule-kind").select_option("birthday")
    expect(page.locator("input[name='rules-0-days']")).to_have_value("30")
    counted(page, 3)

    page.locator("#add-kind").select_option("consent")
    page.get_by_test_id("add-rule").click()
    expect(page.get_by_test_id("rule-row")).to_have_count(2)
    counted(page, 2)
    page.locator("input[name='rules-0-days']").fill("1")
    counted(page, 0)
    page.locator("input[name='rules-0-days']").fill("7")
    counted(page, 2)

    page.locator("form[data-testid=audience-form] button[type=submit]").click()

    audience = Audience.objects.get()
    page.wait_for_url(f"**{audience.get_absolute_url()}")
    assert audience.rules == [make_rule("birthday", days=7), make_rule("consent", consent="yes")]
    expect(page.get_by_test_id("rules").locator("li")).to_have_count(2)
    counted(page, 2)


@pytest.mark.parametrize("page_name", ["list", "detail", "edit"])
def test_the_pages_of_segments_fit_a_phone(cast, page, sign_in, page_name):
    audience = AudienceFactory(
        name="近一年住店三次以上、同意接收营销信息的企业常客", description="回访并送上协议价。" * 5
    )
    address = {
        "list": reverse("marketing:audience-list"),
        "detail": audience.get_absolute_url(),
        "edit": reverse("marketing:audience-edit", args=[audience.pk]),
    }[page_name]
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in("sales-user")

    page.goto(address)

    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
