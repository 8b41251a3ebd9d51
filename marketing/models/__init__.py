from marketing.models.contacts import Channel, OptOut
from marketing.models.promotions import Promotion
from marketing.models.touches import Refusal, Touch

__all__ = ["Channel", "OptOut", "Promotion", "Refusal", "Touch"]
