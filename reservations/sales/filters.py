import django_filters
from django.utils.translation import gettext_lazy as _

from clienthistory.filters import StaffFilter
from clienthistory.forms import staff_who_sell
from reservations.models import Booking


class BookingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="name", lookup_expr="icontains")
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=Booking.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=Booking.Kind.choices)
    owner = StaffFilter(label=_("Owner"), queryset=staff_who_sell())
    account = django_filters.NumberFilter(widget=django_filters.widgets.forms.HiddenInput)

    class Meta:
        model = Booking
        fields = ["q", "status", "kind", "owner", "account"]
