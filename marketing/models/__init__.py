from marketing.models.plans import MarketingPlan, PlanTarget
from marketing.models.promotions import Promotion

__all__ = ["MarketingPlan", "PlanTarget", "Promotion"]
