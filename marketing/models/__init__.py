from marketing.models.audiences import Audience
from marketing.models.promotions import Promotion

__all__ = ["Audience", "Promotion"]
