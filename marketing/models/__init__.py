from marketing.models.contacts import Channel, OptOut
from marketing.models.promotions import Promotion

__all__ = ["Channel", "OptOut", "Promotion"]
