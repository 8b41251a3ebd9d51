from django import forms

from hotelsales.forms import StripsBidiControls
from hotelsales.models import EmailTemplate


class EmailTemplateForm(StripsBidiControls, forms.ModelForm):
    """A manager's wording of one email in one language; the model checks its placeholders."""

    class Meta:
        model = EmailTemplate
        fields = ["subject", "text", "html"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 14, "class": "font-monospace"}),
            "html": forms.Textarea(attrs={"rows": 14, "class": "font-monospace"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Blank lines and the final line break are part of the wording: the built-in text, saved unchanged, gives
        # the same email as the files.
        for part in ("text", "html"):
            self.fields[part].strip = False

    def clean_text(self) -> str:
        return _unix_lines(self.cleaned_data["text"])

    def clean_html(self) -> str:
        return _unix_lines(self.cleaned_data["html"])


def _unix_lines(value: str) -> str:
    """Browsers send a textarea's lines parted by CR LF; emails here part them by LF, as the files do."""
    return value.replace("\r\n", "\n")
