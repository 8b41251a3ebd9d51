from datetime import timedelta

from hotelsales.almanac import marks_between
from marketing.models import Promotion


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
