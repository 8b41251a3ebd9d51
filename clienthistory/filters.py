import django_filters
from django.utils.translation import gettext_lazy as _

from clienthistory.forms import StaffChoiceField, staff_who_sell
from clienthistory.models import Account, CreditRating, Profile, Segment, VipLevel
from hotelsales.search import matching


class StaffFilter(django_filters.ModelChoiceFilter):
    field_class = StaffChoiceField


class AccountFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=Account.Kind.choices)
    owner = StaffFilter(label=_("Owner"), queryset=staff_who_sell())
    segment = django_filters.ChoiceFilter(label=_("Market segment"), choices=Segment.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Account.Status.choices)
    credit_rating = django_filters.ChoiceFilter(label=_("Credit rating"), choices=CreditRating.choices)

    class Meta:
        model = Account
        fields = ["q", "kind", "owner", "segment", "status", "credit_rating"]

    def __init__(self, *args, sees_credit: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not sees_credit:
            del self.filters["credit_rating"]

    def search(self, queryset, name, value):
        return matching(queryset, value)


class ProfileFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    account = django_filters.NumberFilter(widget=django_filters.widgets.forms.HiddenInput)
    vip_level = django_filters.ModelChoiceFilter(label=_("VIP level"), queryset=VipLevel.objects.all())
    marketing_consent = django_filters.BooleanFilter(label=_("Agrees to marketing"))

    class Meta:
        model = Profile
        fields = ["q", "account", "vip_level", "marketing_consent"]

    def search(self, queryset, name, value):
        return matching(queryset, value)
