from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from clienthistory.models import Profile
from hotelsales.almanac import marks_between
from marketing.audiences import queries
from marketing.campaigns.results import figures_of
from marketing.models import (
    Audience,
    Call,
    Campaign,
    MarketingPlan,
    Offer,
    OfferResponse,
    PlanTarget,
    Promotion,
    Touch,
    Trigger,
)
from marketing.offers.ranking import top_offers
from marketing.triggers import results as trigger_results
from reservations.reports import revenue


def test_the_demo_plans_a_promotion_for_each_selling_moment_of_the_past_and_the_coming_year(db, demo):
    promotions = list(Promotion.objects.all())
    assert demo.counts["promotions"] == len(promotions)
    coming = [p for p in promotions if p.ends_on >= demo.today]
    past = [p for p in promotions if p.ends_on < demo.today]
    assert len(coming) == 7
    assert all(p.starts_on <= demo.today + timedelta(days=366) for p in coming)
    assert all(p.ends_on >= demo.today - timedelta(days=365) for p in past)
    assert len(past) >= 5
    codes = [p.offer_code for p in promotions if p.offer_code]
    assert len(codes) == len(set(codes))
    mid_autumn = next(p for p in coming if p.name == "中秋家宴")  # the three weeks up to the festival
    [last_day] = marks_between(mid_autumn.ends_on, mid_autumn.ends_on)
    assert "mid_autumn" in [festival.key for festival in last_day.festivals]
    assert mid_autumn.days == 22


def test_the_demo_saves_its_segments_through_the_checks_of_the_builder(db, demo):
    segments = {audience.name: audience for audience in Audience.objects.all()}
    assert demo.counts["client segments"] == 5
    # and the campaigns' segment of guests who have not come back for two years, and the triggers' two
    assert len(segments) == 8
    assert segments["同意营销的会议客户"].members == "accounts"
    wedding = segments["五年前在本店办婚宴的新人"].rules[0]
    assert (wedding["kind"], wedding["first"]) == ("event", f"{demo.today.year - 5}-01-01")
    for audience in segments.values():
        audience.full_clean()
    frequent = segments["近一年住店 3 次以上的常客"]
    assert queries.preview(members=frequent.members, rules=frequent.rules, today=demo.today).count > 0


def test_the_demo_plans_this_year_and_last_near_what_the_hotel_made(db, demo):
    plans = list(MarketingPlan.objects.prefetch_related("targets"))
    assert sorted(plan.year for plan in plans) == [demo.today.year - 1, demo.today.year]
    assert demo.counts["marketing plans"] == 2
    assert demo.counts["plan targets"] == PlanTarget.objects.count() > 0
    assert set(PlanTarget.objects.values_list("segment", flat=True)) == {"", "corporate", "wedding", "mice"}
    above_or_below = set()
    for plan in plans:
        made = revenue.by_stream(date(plan.year, 1, 1), date(plan.year, 12, 31))
        for target in plan.targets.all():
            actual = made[target.stream].of(month=date(plan.year, target.month, 1), segment=target.segment or None)
            # 85 % to 115 % of the month's revenue, to the thousand yuan.
            assert actual * Decimal("0.85") - 500 <= target.amount <= actual * Decimal("1.15") + 500
            assert target.amount % 1000 == 0
            above_or_below.add(target.amount > actual)
    assert above_or_below == {True, False}


def test_the_demo_sent_campaigns_whose_results_tell_a_working_one_from_one_that_did_nothing(db, demo):
    sent = {campaign.channel: campaign for campaign in Campaign.objects.filter(status="sent")}
    assert set(sent) == {"email", "sms", "call"}
    found = figures_of(list(sent.values()))
    email, text = found[sent["email"].pk].results, found[sent["sms"].pk].results
    assert email.significant
    assert email.uplift > 0
    assert not text.significant  # its control group booked as often as the contacted: the page must say so
    assert text.why_not == ""
    assert found[sent["email"].pk].clicked > 0
    assert found[sent["email"].pk].outside_uses > 0
    assert Call.objects.filter(touch__occasion=sent["call"].occasion).exclude(outcome="").exists()
    assert {campaign.status for campaign in Campaign.objects.exclude(status="sent")} == {"submitted", "draft"}


def test_the_demo_guests_answered_offers_so_that_business_travellers_and_holidaymakers_rank_them_apart(db, demo):
    assert demo.counts["offers"] == Offer.objects.count() == 8
    answers = OfferResponse.objects.exclude(outcome="offered")
    assert demo.counts["offer answers"] + demo.counts["trigger offer answers"] == answers.count()
    assert demo.counts["offer answers"] > 500
    assert OfferResponse.objects.filter(outcome="offered").exists()  # a few were never answered
    assert not answers.filter(outcome="accepted", reservation=None).exists()
    on_business = Profile.objects.filter(account__segment="corporate").order_by("pk").first()
    on_holiday = Profile.objects.filter(account=None).order_by("pk").first()

    for_business = [ranked.offer.name_zh for ranked in top_offers(on_business, today=demo.today, n=10)]
    for_holiday = [ranked.offer.name_zh for ranked in top_offers(on_holiday, today=demo.today, n=10)]

    assert for_business[0] == "延迟退房至14:00"
    assert for_business.index("水疗套餐") > for_business.index("接机服务")
    assert for_holiday.index("水疗套餐") < for_holiday.index("接机服务")


def test_the_demo_ran_triggers_some_of_which_work_and_some_of_which_do_not(db, demo):
    triggers = {trigger.name: trigger for trigger in Trigger.objects.all()}
    assert demo.counts["triggers"] == len(triggers) == 9
    assert demo.counts["trigger touches"] == Touch.objects.filter(trigger__isnull=False).count()
    found = trigger_results.figures_of(list(triggers.values()))
    for working in ("生日前 7 天", "入住前 3 天升级推荐", "Wi-Fi 登录晚餐推荐"):
        measured = found[triggers[working].pk].results
        assert measured.significant, working
        assert measured.uplift > 0, working
    thanks = found[triggers["离店次日感谢信"].pk].results
    assert thanks.why_not == ""
    assert not thanks.significant  # its control group booked again as often: the page must say so
    assert found[triggers["大客户流失提醒"].pk].results.why_not  # a handful of accounts: too few to compare
    assert Call.objects.filter(touch__trigger=triggers["大客户流失提醒"], activity__done=True).exists()
    switched_off = triggers["流失宾客召回（12 个月）"]
    assert not switched_off.active
    assert not switched_off.touches().exists()
    touches = Touch.objects.filter(trigger__isnull=False)
    assert touches.filter(outcome="held_back", refusal="frequency_cap").exists()
    assert not touches.filter(outcome__in=["queued", "sending"]).exists()
    assert touches.filter(trigger=triggers["入住前 3 天升级推荐"], outcome="sent").latest("at").at < timezone.now()
    upgrade = triggers["入住前 3 天升级推荐"].offer
    assert OfferResponse.objects.filter(offer=upgrade, outcome="accepted", reservation__isnull=False).exists()
