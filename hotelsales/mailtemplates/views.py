"""The pages where managers reword the customer-facing emails: the list, one email in one language with its
preview, and the way back to the built-in text."""

from csp.constants import NONE, SELF
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hotelsales.emails import built_in_wording, preview_email
from hotelsales.mailtemplates import EMAILS, CustomerEmail, token
from hotelsales.mailtemplates.forms import EmailTemplateForm
from hotelsales.models import EmailTemplate
from hotelsales.roles import Role, role_required

# The preview shows a manager's HTML as it is: in a sandboxed frame, from an address whose own policy lets it load
# nothing and run nothing (inline styles only, as emails use them) and be framed by this site alone.
PREVIEW_POLICY = {
    "default-src": [NONE],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["data:"],
    "base-uri": [NONE],
    "form-action": [NONE],
    "frame-ancestors": [SELF],
    "sandbox": True,
}


def _email_or_404(name: str, language: str) -> CustomerEmail:
    email = EMAILS.get(name)
    if email is None or language not in dict(settings.LANGUAGES):
        raise Http404
    return email


def _stored(name: str, language: str) -> EmailTemplate | None:
    return EmailTemplate.objects.select_related("updated_by").filter(name=name, language=language).first()


@role_required(Role.MANAGER)
def email_template_list(request):
    stored = {(row.name, row.language): row for row in EmailTemplate.objects.select_related("updated_by")}
    rows = [
        (email, [(code, language, stored.get((email.name, code))) for code, language in settings.LANGUAGES])
        for email in sorted(EMAILS.values(), key=lambda email: str(email.title))
    ]
    return render(request, "hotelsales/email_templates.html", {"rows": rows, "languages": settings.LANGUAGES})


@role_required(Role.MANAGER)
def email_template_edit(request, name, language):
    email = _email_or_404(name, language)
    stored = _stored(name, language)
    draft = stored or EmailTemplate(name=name, language=language, **built_in_wording(email, language)._asdict())
    form = EmailTemplateForm(request.POST or None, instance=draft)
    if request.method == "POST" and form.is_valid():
        form.instance.updated_by = request.user
        form.save()
        messages.success(request, _("The email's wording is saved."))
        return redirect("hotelsales:email-template-edit", name=name, language=language)
    context = {
        "email": email,
        "language": language,
        "language_name": dict(settings.LANGUAGES)[language],
        "stored": stored,
        "form": form,
        "placeholders": list(email.all_placeholders.items()),
        "example": token("name"),
    }
    return render(request, "hotelsales/email_template_form.html", context, status=400 if form.errors else 200)


@role_required(Role.MANAGER)
def email_template_preview(request, name, language):
    """The email with sample values: as saved (or built in) when opened, as typed when the edit form posts here."""
    email = _email_or_404(name, language)
    form = None
    if request.method == "POST":
        form = EmailTemplateForm(request.POST, instance=EmailTemplate(name=name, language=language))
        parts = preview_email(email, language, form.instance) if form.is_valid() else None
    else:
        parts = preview_email(email, language, _stored(name, language))
    response = render(
        request,
        "hotelsales/email_preview.html",
        {"parts": parts, "form": form, "language": language},
        status=400 if parts is None else 200,
    )
    response._csp_config = PREVIEW_POLICY
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response


@role_required(Role.MANAGER)
@require_POST
def email_template_restore(request, name, language):
    _email_or_404(name, language)
    EmailTemplate.objects.filter(name=name, language=language).delete()
    messages.success(request, _("The built-in text is back."))
    return redirect("hotelsales:email-template-edit", name=name, language=language)
