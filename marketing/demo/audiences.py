"""Demo client segments: the ones a hotel's marketing department asks for first — lapsed corporate guests, VIPs
with a birthday coming, the couples married here five years ago, the frequent guests and the conference clients
who agree to marketing — each built of the builder's rules and saved through the model's checks."""

import random
from datetime import date

from clienthistory.models import VipLevel
from clienthistory.staff import staff_who_sell
from marketing.audiences.rules import Members, make_rule
from marketing.models import Audience


def seed(*, scale: int, rng: random.Random, today: date) -> dict:
    owners = list(staff_who_sell())
    wedding_year = today.year - 5
    segments = [
        ("流失的企业客户", "三年内住店三次以上、一年多没有再来的企业客人，同意接收营销信息：回访并送上协议价。",
         Members.PROFILES, [make_rule("market_segment", any_of=["corporate"]),
                            make_rule("stays", at_least=3, months=36), make_rule("last_stay", months=12),
                            make_rule("consent", consent="yes")]),
        ("本月生日的贵宾", "未来 30 天内过生日的贵宾：生日问候、蛋糕和客房升级。", Members.PROFILES,
         [make_rule("vip", any_of=list(VipLevel.objects.filter(active=True))), make_rule("birthday", days=30)]),
        ("五年前在本店办婚宴的新人", f"{wedding_year} 年在本店办婚宴的新人：结婚五周年纪念套餐。", Members.PROFILES,
         [make_rule("event", what="wedding", first=date(wedding_year, 1, 1), last=date(wedding_year, 12, 31))]),
        ("近一年住店 3 次以上的常客", "近 12 个月住店三次以上的客人：常客礼遇和会员招募。", Members.PROFILES,
         [make_rule("stays", at_least=3, months=12)]),
        ("同意营销的会议客户", "近两年在本店开过会议、有联系人同意接收营销信息的客户单位：年会和会议季推介。",
         Members.ACCOUNTS, [make_rule("event", what="conference", months=24), make_rule("consent", consent="yes")]),
    ]  # fmt: skip
    for name, description, members, rules in segments:
        audience = Audience(name=name, description=description, members=members, rules=rules, owner=rng.choice(owners))
        audience.full_clean()
        audience.save()
    return {"client segments": len(segments)}
