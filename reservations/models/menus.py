"""The menu library (菜单) and packages (套餐) an event picks its food, drinks and price from."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from hotelsales.models import BilingualName
from reservations.models.functionspace import Event

PRICE = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(0)]}


Pricing = Event.Pricing


class Menu(BilingualName):
    """A banquet menu (dishes by course) or a beverage package, priced per table of 10 or per person."""

    class Kind(models.TextChoices):
        BANQUET = "banquet", _("Banquet menu")
        BEVERAGE = "beverage", _("Beverage package")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.BANQUET)
    pricing = models.CharField(_("priced"), max_length=20, choices=Pricing.choices, default=Pricing.PER_TABLE)
    price = models.DecimalField(_("price"), **PRICE)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("menu")
        verbose_name_plural = _("menus")
        ordering = ["kind", "name_zh"]
        constraints = [
            models.CheckConstraint(
                condition=Q(price__gte=0),
                name="menu_price_not_negative",
                violation_error_message=_("No negative prices."),
            )
        ]

    def get_absolute_url(self):
        return reverse("reservations:menu-detail", args=[self.pk])


class Dish(models.Model):
    """A line of a menu: a dish in a course, in both languages, with what it contains that guests may be allergic
    to."""

    class Course(models.IntegerChoices):
        # Numbered in serving order, so that ordering by course serves them in turn.
        COLD = 10, _("Cold dishes")
        HOT = 20, _("Hot dishes")
        SOUP = 30, _("Soup")
        STAPLE = 40, _("Staple")
        DESSERT = 50, _("Dessert")
        FRUIT = 60, _("Fruit")
        BEVERAGE = 70, _("Beverage")

    menu = models.ForeignKey(Menu, on_delete=models.CASCADE, related_name="dishes")
    course = models.PositiveSmallIntegerField(_("course"), choices=Course.choices)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    allergens = models.CharField(
        _("allergens"), max_length=200, blank=True, help_text=_("For example: peanuts, shellfish.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("dish")
        verbose_name_plural = _("dishes")
        ordering = ["course", "order", "id"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        english = (translation.get_language() or "").startswith("en")
        return self.name_en if english and self.name_en else self.name_zh


class Package(BilingualName):
    """A wedding package (a menu, decoration and room benefits, per table with a minimum of tables) or a meeting
    package (a day delegate rate per person: room, breaks, lunch, equipment)."""

    class Kind(models.TextChoices):
        WEDDING = "wedding", _("Wedding package")
        MEETING = "meeting", _("Meeting package")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    menu = models.ForeignKey(
        Menu,
        verbose_name=_("menu"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="packages",
        limit_choices_to={"kind": Menu.Kind.BANQUET},
    )
    price = models.DecimalField(_("price"), **PRICE, help_text=_("Per table for a wedding, per person for a meeting."))
    min_tables = models.PositiveSmallIntegerField(_("minimum tables"), default=0)
    decoration = models.TextField(_("decoration"), blank=True)
    room_benefits = models.TextField(_("room benefits"), blank=True)
    includes = models.TextField(
        _("includes"), blank=True, help_text=_("One line each: meeting room, breaks, lunch, equipment.")
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("package")
        verbose_name_plural = _("packages")
        ordering = ["kind", "name_zh"]
        constraints = [
            models.CheckConstraint(
                condition=Q(price__gte=0),
                name="package_price_not_negative",
                violation_error_message=_("No negative prices."),
            ),
            models.CheckConstraint(
                condition=Q(kind="wedding") | Q(min_tables=0),
                name="package_min_tables_for_weddings",
                violation_error_message=_("Only a wedding package has a minimum of tables."),
            ),
        ]

    def get_absolute_url(self):
        return reverse("reservations:package-detail", args=[self.pk])

    @property
    def pricing(self) -> str:
        return Pricing.PER_TABLE if self.kind == self.Kind.WEDDING else Pricing.PER_PERSON
