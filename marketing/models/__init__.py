from marketing.models.contacts import Channel, OptOut
from marketing.models.promotions import Promotion
from marketing.models.touches import Click, Refusal, Touch

__all__ = ["Channel", "Click", "OptOut", "Promotion", "Refusal", "Touch"]
