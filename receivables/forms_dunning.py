from django import forms
from django.utils.translation import gettext_lazy as _

from hotelsales.forms import DateField, NearDateField, StripsBidiControls
from receivables.models import CollectionNote, DunningLevel


class DunningLevelForm(StripsBidiControls, forms.ModelForm):
    class Meta:
        model = DunningLevel
        fields = ["level", "days_past_due", "channel", "subject_zh", "body_zh", "subject_en", "body_en", "fee",
                  "credit_hold"]  # fmt: skip
        widgets = {"body_zh": forms.Textarea(attrs={"rows": 4}), "body_en": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "body_zh": _("{account} and {amount} are replaced by the account's name and what it owes."),
            "body_en": _("{account} and {amount} are replaced by the account's name and what it owes."),
        }


class AsOfForm(forms.Form):
    date = DateField(label=_("As of"), required=False)


class CollectionNoteForm(StripsBidiControls, forms.ModelForm):
    class Meta:
        model = CollectionNote
        fields = ["text", "next_action_on"]
        field_classes = {"next_action_on": NearDateField}
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
