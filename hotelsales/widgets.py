from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse


class Lookup(forms.Widget):
    """Choose one row of a large table by typing: suggestions come from `url_name` (htmx) as you type.

    The endpoint answers ?q= with templates/snippets/lookup_options.html. The form field stays a
    ModelChoiceField, so validation is unchanged; only the chosen row is read to show its name.
    """

    template_name = "snippets/lookup_widget.html"

    def __init__(self, url_name: str, model, attrs=None, *, within: str = ""):
        """`within` names another field of the form whose value the endpoint also gets (a contact is looked up
        within the chosen account)."""
        super().__init__(attrs)
        self.url_name = url_name
        self.model = model
        self.within = within

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        label = ""
        if value not in (None, ""):
            try:  # a value typed into the address or posted back may be no id at all
                chosen = self.model._default_manager.filter(pk=self.model._meta.pk.to_python(value)).first()
            except ValidationError:
                chosen = None
            label = str(chosen) if chosen else ""
        within = ""
        if self.within:
            prefix = name.rpartition("-")[0]
            within = f"{prefix}-{self.within}" if prefix else self.within
        context["widget"].update({"url": reverse(self.url_name), "label": label, "within": within})
        return context


class DatePicker(forms.DateInput):
    """A date as ISO text (YYYY-MM-DD) whatever the language; static/js/app.js shows it so, with a calendar button."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimePicker(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class FilePicker(forms.FileInput):
    """A file input whose button and "no file chosen" are in the page's language, not the browser's.

    The native control's words come from the browser ("Choose File" on a Chinese page in an English browser), so
    the input is visually hidden and its label is the button; static/js/app.js writes the chosen file's name.
    Forms drawn by crispy reach this template through templates/bootstrap5/layout/field_file.html.
    """

    template_name = "snippets/file_picker.html"
