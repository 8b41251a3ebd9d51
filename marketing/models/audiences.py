from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Func, Q, TextField
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from marketing.audiences.rules import Members, clean_rules


class JSONType(Func):
    """The type PostgreSQL gives a JSON value: 'array', 'object', 'string' …"""

    function = "jsonb_typeof"
    output_field = TextField()


class Audience(models.Model):
    """A client segment (客群): saved rules over the guest history that pick guest profiles or accounts, all rules
    together (marketing.audiences.rules). Its members are counted live, never stored: the history changes every day.

    Called Audience in the code because `clienthistory.models.Segment` is the market segment."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    members = models.CharField(_("members"), max_length=10, choices=Members.choices, default=Members.PROFILES)
    rules = models.JSONField(_("rules"), default=list, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="audiences"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("client segment")
        verbose_name_plural = _("client segments")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(members__in=Members.values), name="audience_known_members"),
            models.CheckConstraint(condition=Exact(JSONType("rules"), "array"), name="audience_rules_list"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("marketing:audience-detail", args=[self.pk])

    def clean(self):
        try:
            self.rules = clean_rules(self.rules)
        except ValidationError as problems:
            raise ValidationError({"rules": problems.messages}) from None
