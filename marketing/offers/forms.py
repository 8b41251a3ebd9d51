import django_filters
from django import forms
from django.db.models import Q
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from clienthistory.forms import StaffChoiceField, staff_who_sell
from clienthistory.models import Segment
from hotelsales.forms import NearDateField, StripsBidiControls
from marketing.models import Offer
from reservations.models import RoomType


class OfferForm(StripsBidiControls, forms.ModelForm):
    """An offer as managers set it up; every condition left empty leaves no guest out."""

    segments = forms.MultipleChoiceField(
        label=_("Market segments"),
        choices=Segment.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: every segment."),
    )
    months = forms.TypedMultipleChoiceField(
        label=_("Months"),
        choices=list(MONTHS.items()),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The months of the stay's arrival; none ticked: all year."),
    )
    room_types = forms.ModelMultipleChoiceField(
        label=_("Room types"),
        queryset=RoomType.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: every room type."),
    )
    owner = StaffChoiceField(queryset=staff_who_sell(), label=_("Owner"))

    class Meta:
        model = Offer
        fields = [
            "name_zh", "name_en", "kind", "price", "value", "script_zh", "script_en", "description_zh",
            "description_en", "segments", "months", "min_nights", "max_nights", "room_types", "valid_from",
            "valid_until", "active", "owner",
        ]  # fmt: skip
        field_classes = {"valid_from": NearDateField, "valid_until": NearDateField}
        widgets = {
            "script_zh": forms.Textarea(attrs={"rows": 2}),
            "script_en": forms.Textarea(attrs={"rows": 2}),
            "description_zh": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_who_sell()
        chosen = Q(pk__in=self.instance.room_types.all()) if self.instance.pk else Q()
        self.fields["room_types"].queryset = RoomType.objects.filter(Q(active=True) | chosen)

    def clean_segments(self):
        chosen = set(self.cleaned_data["segments"])
        return [value for value in Segment.values if value in chosen]

    def clean_months(self):
        return sorted(set(self.cleaned_data["months"]))


class OfferFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=Offer.Kind.choices)
    active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Offer
        fields = ["q", "kind", "active"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name_zh__icontains=value) | Q(name_en__icontains=value))
