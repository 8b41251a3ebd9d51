"""Formats that fields of several apps share, so that each is defined once."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

# A promotion's offer code, and the code a guest quotes on a reservation or a booking: the same words, so that a
# quoted code can be matched to its promotion. Kept upper-case (each model's check constraint).
offer_code_validator = RegexValidator(r"^[A-Z0-9-]{3,20}$", _("Use 3 to 20 letters, digits or hyphens."))
