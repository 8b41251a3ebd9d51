"""Forms of the menu library and packages: a menu with its dishes by course, and a wedding or meeting package."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hotelsales.forms import StripsBidiControls
from reservations.models import Dish, Menu, Package


class MenuForm(StripsBidiControls, forms.ModelForm):
    class Meta:
        model = Menu
        fields = ["name_zh", "name_en", "kind", "pricing", "price", "active"]


class DishForm(StripsBidiControls, forms.ModelForm):
    class Meta:
        model = Dish
        fields = ["course", "name_zh", "name_en", "allergens", "order"]


# A posted form count is capped: Django would otherwise build (and render back) up to 2,000 forms for one post.
MAX_DISHES = 40
DishFormSet = forms.inlineformset_factory(
    Menu, Dish, form=DishForm, extra=3, can_delete=True, max_num=MAX_DISHES, validate_max=True,
    absolute_max=MAX_DISHES,
)  # fmt: skip


class PackageForm(StripsBidiControls, forms.ModelForm):
    class Meta:
        model = Package
        fields = [
            "name_zh", "name_en", "kind", "price", "min_tables", "menu", "decoration", "room_benefits", "includes",
            "active",
        ]  # fmt: skip
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in ["decoration", "room_benefits", "includes"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["menu"].queryset = Menu.objects.filter(kind=Menu.Kind.BANQUET)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Package.Kind.WEDDING and not cleaned.get("min_tables"):
            self.add_error("min_tables", _("Give the fewest tables a wedding package is sold for."))
        if cleaned.get("kind") == Package.Kind.MEETING and cleaned.get("min_tables"):
            self.add_error("min_tables", _("Only a wedding package has a minimum of tables."))
        return cleaned
