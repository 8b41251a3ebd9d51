from datetime import timedelta

from hotelsales.almanac import marks_between
from marketing.audiences import queries
from marketing.models import Audience, Promotion


def test_the_demo_plans_a_promotion_for_each_selling_moment_of_the_coming_year(db, demo):
    promotions = list(Promotion.objects.all())
    assert demo.counts["promotions"] == len(promotions) == 7
    assert all(demo.today <= p.ends_on and p.starts_on <= demo.today + timedelta(days=366) for p in promotions)
    codes = [p.offer_code for p in promotions if p.offer_code]
    assert len(codes) == len(set(codes)) == 6
    mid_autumn = Promotion.objects.get(name="中秋家宴")  # the three weeks up to the festival
    [last_day] = marks_between(mid_autumn.ends_on, mid_autumn.ends_on)
    assert "mid_autumn" in [festival.key for festival in last_day.festivals]
    assert mid_autumn.days == 22


def test_the_demo_saves_five_segments_through_the_checks_of_the_builder(db, demo):
    segments = {audience.name: audience for audience in Audience.objects.all()}
    assert demo.counts["client segments"] == len(segments) == 5
    assert segments["同意营销的会议客户"].members == "accounts"
    wedding = segments["五年前在本店办婚宴的新人"].rules[0]
    assert (wedding["kind"], wedding["first"]) == ("event", f"{demo.today.year - 5}-01-01")
    for audience in segments.values():
        audience.full_clean()
    frequent = segments["近一年住店 3 次以上的常客"]
    assert queries.preview(members=frequent.members, rules=frequent.rules, today=demo.today).count > 0
