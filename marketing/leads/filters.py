import django_filters
from django.utils.translation import gettext_lazy as _

from clienthistory.filters import StaffFilter
from clienthistory.forms import staff_who_sell
from marketing.models import Lead


class LeadFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Lead.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=Lead.Kind.choices)
    owner = StaffFilter(label=_("Owner"), queryset=staff_who_sell())

    class Meta:
        model = Lead
        fields = ["status", "kind", "owner"]
