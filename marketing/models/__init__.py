from marketing.models.audiences import Audience
from marketing.models.campaigns import Call, Campaign, Letters
from marketing.models.contacts import Channel, OptOut
from marketing.models.leads import Lead, LeadRoute
from marketing.models.offers import Offer, OfferResponse
from marketing.models.plans import MarketingPlan, PlanTarget
from marketing.models.promotions import Promotion
from marketing.models.targets import SalesTarget, StatusWeight
from marketing.models.touches import Click, Refusal, Touch
from marketing.models.triggers import Moment, Trigger

__all__ = [
    "Audience", "Call", "Campaign", "Channel", "Click", "Lead", "LeadRoute", "Letters", "MarketingPlan", "Moment",
    "Offer", "OfferResponse", "OptOut", "PlanTarget", "Promotion", "Refusal", "SalesTarget", "StatusWeight", "Touch",
    "Trigger",
]  # fmt: skip
