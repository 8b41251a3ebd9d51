from marketing.models.audiences import Audience
from marketing.models.contacts import Channel, OptOut
from marketing.models.plans import MarketingPlan, PlanTarget
from marketing.models.promotions import Promotion
from marketing.models.touches import Click, Refusal, Touch

__all__ = [
    "Audience", "Channel", "Click", "MarketingPlan", "OptOut", "PlanTarget", "Promotion", "Refusal", "Touch",
]  # fmt: skip
