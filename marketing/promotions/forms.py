import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clienthistory.filters import StaffFilter
from clienthistory.forms import StaffChoiceField, staff_who_sell
from clienthistory.models import Segment
from hotelsales.forms import NearDateField, OfferCodeField, StripsBidiControls
from marketing.models import Promotion


class PromotionForm(StripsBidiControls, forms.ModelForm):
    segments = forms.MultipleChoiceField(
        label=_("Market segments"), choices=Segment.choices, widget=forms.CheckboxSelectMultiple
    )
    owner = StaffChoiceField(queryset=staff_who_sell(), label=_("Owner"))

    class Meta:
        model = Promotion
        fields = ["name", "starts_on", "ends_on", "segments", "offer", "offer_code", "budget", "owner", "notes"]
        field_classes = {"starts_on": NearDateField, "ends_on": NearDateField, "offer_code": OfferCodeField}
        widgets = {"offer": forms.Textarea(attrs={"rows": 3}), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_who_sell()

    def clean_segments(self):
        chosen = set(self.cleaned_data["segments"])
        return [value for value in Segment.values if value in chosen]


class PromotionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    segment = django_filters.ChoiceFilter(label=_("Market segment"), choices=Segment.choices, method="for_segment")
    owner = StaffFilter(label=_("Owner"), queryset=staff_who_sell())

    class Meta:
        model = Promotion
        fields = ["q", "segment", "owner"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(offer_code=value.strip().upper()))

    def for_segment(self, queryset, name, value):
        return queryset.filter(segments__contains=[value])
