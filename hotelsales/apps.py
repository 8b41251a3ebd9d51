from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HotelSalesConfig(AppConfig):
    name = "hotelsales"
    verbose_name = _("Hotel Sales")
