"""The preview runs nothing a manager's HTML holds, and the page around it breaks no rule of its policy."""

import pytest
from playwright.sync_api import expect

from hotelsales.models import EmailTemplate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_previews_the_wording_typed_in_a_sandboxed_frame_then_saves_it(cast, page, sign_in):
    sign_in("manager-user")
    page.goto("/emails/templates/lead_receipt/en/")
    preview = page.frame_locator("iframe[name=email-preview]")
    expect(preview.locator("body")).to_contain_text("We received your inquiry (L2605-00042)")

    page.fill("textarea[name=html]", "<p>Welcome, {{ name }}!</p><script>document.title = 'ran'</script>")
    page.get_by_test_id("preview-email").click()
    expect(preview.locator("body")).to_contain_text("Welcome, Zhang Wei!")
    assert preview.locator("title").text_content() != "ran"

    page.get_by_role("button", name="保存").click()
    expect(page.locator(".alert")).to_be_visible()
    assert EmailTemplate.objects.get(name="lead_receipt", language="en").html.startswith("<p>Welcome")
    expect(preview.locator("body")).to_contain_text("Welcome, Zhang Wei!")
