"""What campaigns brought, as pages show it: a campaign's results against figures worked out by hand, no comparison
without a control group, a plain warning when the control group did as well; the year's overview, its flat query
count and its Excel download with the same figures; who may open them."""

from datetime import datetime, timedelta
from decimal import Decimal

import lxml.html
import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from hotelsales.money import TENTH, format_money, format_whole, round_half_up, round_money, round_percent
from marketing.campaigns.results import figures
from marketing.channels.links import record_click
from marketing.models import Campaign, Touch
from reservations.guestcare.complaints import log_complaint
from reservations.rooms.stays import book_room
from tests.factories import DueCampaignFactory, ProfileFactory, UserFactory
from tests.helpers import SHANGHAI, xlsx_rows
from tests.marketing.campaigns import ARRIVAL, group, sent_campaign

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year


def stay(guest, room_type, *, rate="500", offer_code=""):
    """A night's reservation made now, within the campaign's window."""
    book_room(guest=guest, arrival=ARRIVAL, departure=ARRIVAL + timedelta(days=1), room_type=room_type,
              rate=Decimal(rate), offer_code=offer_code)  # fmt: skip


def results_page(client_for, campaign):
    response = client_for("sales").get(reverse("marketing:campaign-results", args=[campaign.pk]),
                                       HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def shown(page, testid: str) -> str:
    return " ".join(page.xpath(f"//*[@data-testid='{testid}']")[0].text_content().split())


def money(amount) -> str:
    with translation.override("en"):
        return format_money(Decimal(amount))


def yuan(amount) -> str:
    """An amount as the overview's wide table shows it: to the whole yuan."""
    with translation.override("en"):
        return format_whole(Decimal(str(amount)))


def test_the_results_page_shows_the_figures_worked_out_by_hand(client_for, room_type):
    ProfileFactory(marketing_consent=False)  # held back: no consent
    campaign = sent_campaign()
    contacted, control = group(campaign, Touch.Outcome.SENT), group(campaign, Touch.Outcome.CONTROL)
    n1, n2 = len(contacted), len(control)
    for guest in contacted[:12]:
        stay(guest, room_type)  # 12 × 500 = 6,000
    stay(control[0], room_type)  # 500
    stay(ProfileFactory(), room_type, rate="450", offer_code=campaign.promotion.offer_code)  # outside the segment
    record_click(touch=campaign.touches().get(profile=contacted[0]), url=campaign.landing_url)
    log_complaint(received_by=UserFactory(roles=["front_desk"]), category="room", department="housekeeping",
                  description="噪音", guest=contacted[1], at=campaign.started_at + timedelta(days=2))  # fmt: skip

    page = results_page(client_for, campaign)
    assert (shown(page, "members"), shown(page, "held-back")) == ("101", "1")
    assert (shown(page, "contacted"), shown(page, "control"), shown(page, "sent")) == (str(n1), str(n2), str(n1))
    rules = page.xpath("//*[@data-testid='held-back-rows']//tr")
    held_back = [tuple(cell.text_content() for cell in rule) for rule in rules]
    assert len(held_back) == 8  # every contact rule, zeros included
    assert ("No marketing consent", "1") in held_back
    assert ("Quiet hours", "0") in held_back
    assert shown(page, "clicked") == f"1 ({round_percent(Decimal(100) / n1)} % of those reached)"
    rate, control_rate = round_percent(Decimal(1200) / n1), round_percent(Decimal(100) / n2)
    assert (shown(page, "conversion-rate"), shown(page, "control-rate")) == (f"{rate} %", f"{control_rate} %")
    assert (shown(page, "contacted-revenue"), shown(page, "control-revenue")) == (money(6000), money(500))
    uplift = round_percent((Decimal(12) / n1 - Decimal(1) / n2) * 100)
    assert shown(page, "uplift") == f"+{uplift} percentage points"
    assert shown(page, "significance") == "Significant"
    assert not page.xpath("//*[@data-testid='could-be-chance']")
    assert shown(page, "incremental-conversions") == f"+{round_half_up(12 - Decimal(n1) / n2, TENTH)}"
    incremental = round_money(6000 - n1 * Decimal(500) / n2)
    cost = Decimal(200) + Decimal("0.50") * n1
    assert (shown(page, "incremental-revenue"), shown(page, "cost")) == (money(incremental), money(cost))
    assert shown(page, "cost-per-conversion") == money(round_money(cost / 12))
    assert shown(page, "roi") == f"+{round_percent((incremental - cost) / cost * 100)} %"
    assert shown(page, "outside-uses") == f"1 use, worth {money(450)}"
    assert shown(page, "complaints") == f"1 ({round_percent(Decimal(100) / n1)} per 100 reached)"
    assert "for 30 days" in shown(page, "how")
    assert "room reservation or a booking" in shown(page, "how")


def test_without_a_control_group_the_page_says_why_and_shows_no_uplift(client_for):
    campaign = sent_campaign(members=40, control_share=Decimal("0"))
    page = results_page(client_for, campaign)
    assert "There is no control group to compare with." in shown(page, "why-not")
    for figure in ("uplift", "interval", "significance", "incremental-revenue", "roi"):
        assert not page.xpath(f"//*[@data-testid='{figure}']")
    assert shown(page, "cost") == money(200 + Decimal("0.50") * 40)


def test_a_control_group_that_did_as_well_is_said_to_make_the_difference_chance(client_for, room_type):
    campaign = sent_campaign()
    for outcome in (Touch.Outcome.SENT, Touch.Outcome.CONTROL):
        members = group(campaign, outcome)
        for guest in members[: len(members) // 10]:
            stay(guest, room_type)
    page = results_page(client_for, campaign)
    assert shown(page, "significance") == "Could be chance"
    assert shown(page, "could-be-chance").startswith("The difference could be chance")


def test_the_snippet_needs_only_the_figures():
    campaign = sent_campaign(members=5)
    seen = figures(campaign)
    html = render_to_string("marketing/snippets/campaign_results.html", {"figures": seen})
    assert seen.results.why_not  # too few members, or (by chance of the draw) no control group at all
    assert escape(seen.results.why_not) in html


def overview(client_for, role="manager", **params):
    return client_for(role).get(reverse("marketing:campaign-overview"), params, HTTP_ACCEPT_LANGUAGE="en")


def table(response) -> dict[str, dict[str, str]]:
    """The overview's rows by campaign name: each cell's text by its column."""
    page = lxml.html.fromstring(response.content.decode())
    rows = [
        {cell.get("data-cell"): " ".join(cell.text_content().split()) for cell in row.xpath(".//*[@data-cell]")}
        for row in page.xpath("//tr[@data-campaign]")
    ]
    return {row["name"]: row for row in rows}


def test_the_overview_lists_the_campaigns_started_this_year(client_for):
    this_year = sent_campaign(members=3, name="今年中秋")
    letter = sent_campaign(members=3, name="信函")
    Campaign.objects.filter(pk=letter.pk).update(channel="letter")
    last_year = sent_campaign(members=3, name="去年春节")
    Campaign.objects.filter(pk=last_year.pk).update(started_at=datetime(THIS_YEAR - 1, 7, 1, tzinfo=SHANGHAI))
    DueCampaignFactory(name="未发送", send_at=timezone.now() + timedelta(days=3))
    DueCampaignFactory(name="草稿", status="draft")

    assert set(table(overview(client_for))) == {this_year.name, letter.name}
    assert set(table(overview(client_for, channel="email"))) == {this_year.name}
    assert set(table(overview(client_for, year=THIS_YEAR - 1))) == {last_year.name}
    row = table(overview(client_for))[this_year.name]
    assert (row["members"], row["channel"]) == ("3", "Email")
    assert row["uplift"] == figures(this_year).results.why_not != ""  # too few, or no control group: both say so
    assert overview(client_for, year="1999").status_code == 400
    assert overview(client_for, year="二〇二六").status_code == 400


@pytest.mark.parametrize("campaigns", [1, 5])
def test_the_overview_reads_a_page_of_campaigns_in_a_fixed_number_of_queries(
    campaigns, client_for, django_assert_max_num_queries
):
    for _ in range(campaigns):
        sent_campaign(members=2)
    client = client_for("sales")
    with django_assert_max_num_queries(13):
        response = client.get(reverse("marketing:campaign-overview"))
    assert len(table(response)) == campaigns


def percent(value) -> str:
    """A rate of the workbook as the table shows it (a whole number comes back from Excel without its .0)."""
    return "—" if value is None else f"{round_percent(Decimal(str(value)))} %"


def test_the_excel_download_holds_the_tables_figures(client_for, room_type):
    compared, uncompared = sent_campaign(name="对照"), sent_campaign(members=3, name="无对照", control_share=0)
    for guest in group(compared, Touch.Outcome.SENT)[:6] + group(compared, Touch.Outcome.CONTROL)[:2]:
        stay(guest, room_type)
    shown_rows = table(overview(client_for))
    response = client_for("sales").get(reverse("marketing:campaign-overview-export"), HTTP_ACCEPT_LANGUAGE="en")
    header, *rows = xlsx_rows(b"".join(response.streaming_content))
    assert header[:2] == ["Campaign", "Promotion"]
    assert [row[0] for row in rows] == [uncompared.name, compared.name]  # the latest sending first, as on screen
    for row in rows:
        cells = shown_rows[row[0]]
        assert all(isinstance(value, int | float) for value in (*row[4:8], row[13], row[15], *row[17:19]))
        assert (row[1], row[2], row[3].date()) == (cells["promotion"], cells["channel"], timezone.localdate())
        assert [str(value) for value in row[4:7]] == [cells["members"], cells["contacted"], cells["control"]]
        assert [percent(value) for value in row[7:9]] == [cells["conversion-rate"], cells["control-rate"]]
        assert [yuan(value) for value in (row[13], row[15])] == [cells["attributed-revenue"], cells["cost"]]
        assert [str(value) for value in row[17:19]] == [cells["opt-outs"], cells["complaints"]]
    seen, compared_row = figures(compared), rows[1]
    numbers = [Decimal(str(value)) for value in compared_row[9:12] + compared_row[13:17]]
    assert numbers == [seen.results.uplift, *seen.results.uplift_interval, seen.attributed_revenue,
                       seen.results.incremental_revenue, seen.cost, seen.results.roi]  # fmt: skip
    assert yuan(compared_row[14]) == shown_rows[compared.name]["incremental-revenue"]
    assert f"{round_percent(Decimal(str(compared_row[16]))):+} %" == shown_rows[compared.name]["roi"]
    assert rows[0][9:13] == [None, None, None, "There is no control group to compare with."]


@pytest.mark.parametrize("role", ["front_desk", "receivables"])
def test_the_front_desk_and_receivables_cannot_open_the_results(client_for, role):
    campaign = DueCampaignFactory()
    for url in (
        reverse("marketing:campaign-results", args=[campaign.pk]),
        reverse("marketing:campaign-overview"),
        reverse("marketing:campaign-overview-export"),
    ):
        assert client_for(role).get(url).status_code == 403
    assert reverse("marketing:campaign-overview") not in client_for(role).get(reverse("overview:home")).content.decode()


def test_sales_find_the_overview_in_the_marketing_menu(client_for):
    home = client_for("sales").get(reverse("overview:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'href="{reverse("marketing:campaign-overview")}"' in home
    assert "Campaign results" in home
