"""A manager's wording of a customer-facing email replaces its built-in files for its language only, fills in
its placeholders — escaped in the HTML part, as typed in the subject and the text — and runs nothing else."""

from datetime import date

import pytest
from django.conf import settings

from hotelsales.emails import built_in_wording, render_email
from hotelsales.mailtemplates import EMAILS
from hotelsales.mailtemplates.forms import EmailTemplateForm
from hotelsales.models import EmailTemplate
from marketing.models import Lead
from reservations.models import FeedbackRequest
from tests.factories import EmailTemplateFactory, ProfileFactory

pytestmark = pytest.mark.django_db

NAME = "O'Brien & <Sons>"
ESCAPED = "O&#x27;Brien &amp; &lt;Sons&gt;"


def lead() -> Lead:
    return Lead(reference="L2612-00007", kind="banquet", contact_name=NAME, preferred_date=date(2027, 5, 1))


def receipt(language: str):
    return render_email("lead_receipt", {"lead": lead()}, to=["obrien@example.ie"], language=language)


def parts(message) -> tuple[str, str, str]:
    return message.subject, message.body, message.alternatives[0][0]


def test_an_override_replaces_the_built_in_text_for_its_language_only():
    EmailTemplateFactory(language="en")
    assert receipt("en").subject == "Your inquiry L2612-00007"
    assert receipt("zh-hans").subject == "我们已收到您的询价（L2612-00007）"


def test_placeholders_are_escaped_in_the_html_and_not_in_the_text():
    EmailTemplateFactory(
        subject="{{name}} / {{ reference }}", text="{{ name }}{{ dates }}", html="<p>{{ name }}{{ dates }}</p>"
    )
    subject, text, html = parts(receipt("en"))
    assert subject == f"{NAME} / L2612-00007"
    assert text == f"{NAME}\nDate: May 1, 2027"
    assert html == f"<p>{ESCAPED}<br>Date: May 1, 2027</p>"


def test_template_code_in_a_stored_wording_is_not_run():
    EmailTemplateFactory(text='{% now "Y" %} {{ name }}', html="<p>{% if 1 %}{{ hotel_name }}{% endif %}</p>")
    _, text, html = parts(receipt("en"))
    assert text == f'{{% now "Y" %}} {NAME}'
    assert html == f"<p>{{% if 1 %}}{settings.HOTEL_NAME}{{% endif %}}</p>"


def wording_form(**typed) -> EmailTemplateForm:
    data = {"subject": "Your inquiry", "text": "Hello {{ name }}", "html": "<p>Hello {{ name }}</p>", **typed}
    return EmailTemplateForm(data, instance=EmailTemplate(name="lead_receipt", language="en"))


def test_an_unknown_placeholder_is_refused_with_the_allowed_ones_named():
    form = wording_form(text="Hello {{ lead.contact_name }} {{ name|upper }}")
    assert not form.is_valid()
    [error] = form.errors["text"]
    assert "{{ lead.contact_name }}, {{ name|upper }}" in error
    assert "{{ reference }}" in error


def test_a_half_written_placeholder_is_refused():
    form = wording_form(html="<p>Hello {{ name }</p>")
    assert not form.is_valid()
    assert "two braces" in form.errors["html"][0]


def test_the_subject_is_one_line():
    form = wording_form(subject="Your inquiry\n{{ reference }}")
    assert not form.is_valid()
    assert "one line" in form.errors["subject"][0]


def test_looking_up_an_override_costs_one_query(django_assert_num_queries):
    EmailTemplateFactory()
    with django_assert_num_queries(1):
        receipt("en")
    with django_assert_num_queries(1):
        receipt("zh-hans")


def contexts():
    guest = ProfileFactory(name=NAME, email="obrien@example.ie")
    return {
        "lead_receipt": {"lead": lead()},
        "feedback_request": {"guest": guest, "request": FeedbackRequest(guest=guest)},
    }


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
@pytest.mark.parametrize("name", sorted(EMAILS))
def test_the_built_in_wording_saved_unchanged_sends_the_same_email(name, language, cast):
    context = contexts().get(name) or EMAILS[name].sample()
    built_in = parts(render_email(name, context, to=["obrien@example.ie"], language=language))
    draft = built_in_wording(EMAILS[name], language)._asdict()
    # A browser sends the lines of a textarea parted by CR LF.
    typed = {part: value.replace("\n", "\r\n") for part, value in draft.items()}
    form = EmailTemplateForm(typed, instance=EmailTemplate(name=name, language=language, updated_by=cast["manager"]))
    assert form.is_valid(), form.errors
    form.save()
    assert parts(render_email(name, context, to=["obrien@example.ie"], language=language)) == built_in
