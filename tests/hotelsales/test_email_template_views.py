"""Managers see which customer-facing emails carry their own wording, edit one per language starting from the
built-in text, preview it in a sandboxed frame, and restore the built-in text."""

import pytest
from django.conf import settings
from django.urls import reverse

from hotelsales.mailtemplates import EMAILS
from hotelsales.models import EmailTemplate
from hotelsales.roles import Role
from tests.factories import EmailTemplateFactory

pytestmark = pytest.mark.django_db

EDIT = reverse("hotelsales:email-template-edit", args=["lead_receipt", "en"])
PREVIEW = reverse("hotelsales:email-template-preview", args=["lead_receipt", "en"])
RESTORE = reverse("hotelsales:email-template-restore", args=["lead_receipt", "en"])
WORDING = {"subject": "Inquiry {{ reference }}", "text": "Hello {{ name }}\r\n", "html": "<p>Hello {{ name }}</p>"}


def test_the_list_shows_each_email_per_language_in_a_fixed_number_of_queries(client_for, django_assert_max_num_queries):
    EmailTemplateFactory(language="en", updated_by__first_name="王芳")
    EmailTemplateFactory(name="feedback_request", language="zh-hans", text="{{ link }}", html="{{ link }}")
    manager = client_for(Role.MANAGER)
    with django_assert_max_num_queries(4):
        page = manager.get(reverse("hotelsales:email-templates"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Receipt of an inquiry" in page
    assert "by 王芳 on" in page
    assert page.count("Built-in") == len(EMAILS) * len(settings.LANGUAGES) - 2  # all but the two edited
    assert "Dunning letters are not listed here" in page


def test_a_new_wording_starts_from_the_built_in_text(client_for, django_assert_max_num_queries):
    manager = client_for(Role.MANAGER)
    with django_assert_max_num_queries(4):
        response = manager.get(EDIT, HTTP_ACCEPT_LANGUAGE="en")
    form = response.context["form"]
    assert form.initial["subject"] == "We received your inquiry ({{ reference }})"
    assert "{{ dates }}" in form.initial["text"]
    assert "Restore the built-in text" not in response.content.decode()


def test_saving_stores_the_wording_and_who_wrote_it(client_for, cast):
    response = client_for(Role.MANAGER).post(EDIT, WORDING)
    assert response.status_code == 302
    stored = EmailTemplate.objects.get(name="lead_receipt", language="en")
    assert stored.updated_by == cast[Role.MANAGER]
    assert stored.text == "Hello {{ name }}\n"


def test_an_unknown_placeholder_is_a_field_error(client_for):
    response = client_for(Role.MANAGER).post(EDIT, {**WORDING, "html": "<p>{{ lead.contact_name }}</p>"})
    assert response.status_code == 400
    assert response.context["form"].errors["html"]
    assert not EmailTemplate.objects.exists()


def test_restoring_deletes_the_wording(client_for):
    EmailTemplateFactory(language="en")
    EmailTemplateFactory(language="zh-hans")
    manager = client_for(Role.MANAGER)
    assert "Restore the built-in text" in manager.get(EDIT, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert manager.post(RESTORE).status_code == 302
    assert list(EmailTemplate.objects.values_list("language", flat=True)) == ["zh-hans"]


def test_the_preview_may_run_and_load_nothing_and_is_framed_by_the_site_alone(client_for):
    EmailTemplateFactory(html='<p>{{ name }}</p><script src="https://evil.example/x.js"></script>')
    response = client_for(Role.MANAGER).get(PREVIEW)
    policy = dict(directive.strip().partition(" ")[::2] for directive in response["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["frame-ancestors"] == "'self'"
    assert "sandbox" in policy
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "<p>Zhang Wei</p>" in response.content.decode()


def test_the_preview_shows_what_was_typed_before_it_is_saved(client_for, django_assert_max_num_queries):
    manager = client_for(Role.MANAGER)
    with django_assert_max_num_queries(6):  # the session, the user, the roles; the subject's check constraint
        response = manager.post(PREVIEW, {**WORDING, "html": "<p>Dear {{ name }} of {{ hotel_name }}</p>"})
    assert "<p>Dear Zhang Wei of " in response.content.decode()
    assert not EmailTemplate.objects.exists()
    refused = manager.post(PREVIEW, {**WORDING, "subject": "{{ lead }}"}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400
    assert "Unknown placeholders: {{ lead }}" in refused.content.decode()


def test_an_email_that_is_not_customer_facing_is_not_found(client_for):
    manager = client_for(Role.MANAGER)
    assert manager.get(reverse("hotelsales:email-template-edit", args=["dunning_letter", "en"])).status_code == 404
    assert manager.get(reverse("hotelsales:email-template-edit", args=["lead_receipt", "fr"])).status_code == 404


def test_managers_find_the_page_in_the_navigation(client_for):
    home = client_for(Role.MANAGER).get(reverse("overview:home")).content.decode()
    assert reverse("hotelsales:email-templates") in home
