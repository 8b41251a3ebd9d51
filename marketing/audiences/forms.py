import django_filters
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clienthistory.filters import StaffFilter
from clienthistory.forms import StaffChoiceField, staff_who_sell
from hotelsales.forms import StripsBidiControls
from hotelsales.punctuation import label
from marketing.audiences.rules import MAX_RULES, Members, RuleForm
from marketing.models import Audience

PREFIX = "rules"


class AudienceForm(StripsBidiControls, forms.ModelForm):
    members = forms.ChoiceField(label=_("Members"), choices=Members.choices, widget=forms.RadioSelect)
    owner = StaffChoiceField(queryset=staff_who_sell(), label=_("Owner"))

    class Meta:
        model = Audience
        fields = ["name", "description", "members", "owner"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_who_sell()


class BuilderRuleForm(RuleForm):
    """A row of the rule builder: choosing another kind swaps the row's parameter fields (htmx)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].widget.attrs.update(
            {
                "hx-get": reverse("marketing:audience-rule-fields"),
                "hx-target": f"#{self.parameters_id}",
                "data-testid": "rule-kind",
            }
        )

    @property
    def parameters_id(self) -> str:
        return f"{self.prefix}-parameters"


class BaseRuleFormSet(forms.BaseFormSet):
    def get_form_kwargs(self, index):
        # Every row is a rule, the ones added in the browser too: a row left as it was added still counts (its
        # parameters come filled in), and a row goes only when it is marked for removal.
        return {"empty_permitted": False}

    def rules(self) -> list[dict]:
        """The rules of the rows kept, in their order; only for a valid formset."""
        return [form.rule() for form in self.forms if not self._should_delete_form(form)]

    def problems(self) -> list[str]:
        """What keeps the rows from counting, each message with the number of its row."""
        found = [str(error) for error in self.non_form_errors()]
        for number, form in enumerate(self.forms, start=1):
            if self._should_delete_form(form):
                continue
            for name, errors in form.errors.items():
                field = form.fields.get(name)
                for error in errors:
                    problem = label(field.label) + error if field else error
                    found.append(_("Rule %(number)s: %(problem)s") % {"number": number, "problem": problem})
        return found


RuleFormSet = forms.formset_factory(
    BuilderRuleForm, formset=BaseRuleFormSet, extra=0, can_delete=True,
    max_num=MAX_RULES, validate_max=True, absolute_max=MAX_RULES,
)  # fmt: skip


def rule_formset(data=None, *, rules: list[dict] = ()) -> BaseRuleFormSet:
    return RuleFormSet(data, initial=list(rules) or None, prefix=PREFIX)


def new_row(prefix: str, kind: str | None) -> BuilderRuleForm:
    """A row of the builder as it is added, or as its kind is changed: the kind's parameters at their suggested
    values."""
    row = RuleFormSet.form(prefix=prefix, initial={"kind": kind}, use_required_attribute=False)
    RuleFormSet(prefix=PREFIX).add_fields(row, None)
    return row


class AudienceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="name", lookup_expr="icontains")
    members = django_filters.ChoiceFilter(label=_("Members"), choices=Members.choices)
    owner = StaffFilter(label=_("Owner"), queryset=staff_who_sell())

    class Meta:
        model = Audience
        fields = ["q", "members", "owner"]
