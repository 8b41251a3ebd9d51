from marketing.models.promotions import Promotion

__all__ = ["Promotion"]
