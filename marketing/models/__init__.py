from marketing.models.audiences import Audience
from marketing.models.contacts import Channel, OptOut
from marketing.models.promotions import Promotion
from marketing.models.touches import Click, Refusal, Touch

__all__ = ["Audience", "Channel", "Click", "OptOut", "Promotion", "Refusal", "Touch"]
