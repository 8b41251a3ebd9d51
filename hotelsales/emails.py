"""Every email is a trio of templates, templates/emails/<name>_subject.txt, <name>.txt and <name>.html,
rendered in the recipient's language by this one helper. The subject and the text are plain text, rendered
without HTML escaping: a guest called O'Brien & <Sons> reads so, not O&#x27;Brien &amp; &lt;Sons&gt;. The HTML
part is escaped as every page is.

A customer-facing email (hotelsales.mailtemplates) is rendered from its placeholder values, not from the sender's
objects, and a manager's wording stored for the recipient's language (EmailTemplate, one query to look up) takes
the place of its files.

Emails leave the request: `queue_email` renders the message where its data is (inside the caller's transaction)
and hands the finished message to a Celery task once that transaction commits. The task talks to the mail server
and retries with growing pauses while the server is slow, down or refusing, so no page waits on it or fails
because of it, and nothing is sent for work that was rolled back. Attachments (a proposal's PDF) travel to the
task base64-encoded, as the task's arguments are JSON. (The dunning run keeps its own delivery: see
receivables/dunning.py.)
"""

import base64
from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from hotelsales.mailtemplates import EMAILS, Block, CustomerEmail, fill, token
from hotelsales.models import EmailTemplate


class Parts(NamedTuple):
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


def render_email(name: str, context: dict, *, to: list[str], language: str | None = None) -> EmailMultiAlternatives:
    language = language or settings.LANGUAGE_CODE
    context = _with_site(context)
    with translation.override(language):
        email = EMAILS.get(name)
        if email is None:
            parts = _render_files(name, text_context=context, html_context=context)
        else:
            stored = EmailTemplate.objects.filter(name=name, language=language).first()
            parts = _render_customer_email(email, context, stored)
    message = EmailMultiAlternatives(subject=parts.subject, body=parts.text, to=to)
    message.attach_alternative(parts.html, "text/html")
    return message


def preview_email(email: CustomerEmail, language: str, stored: EmailTemplate | None) -> Parts:
    """The email in `language` as `stored` words it (None: as its files do), filled with its sample values."""
    with translation.override(language):
        return _render_customer_email(email, _with_site(email.sample()), stored)


def _with_site(context: dict) -> dict:
    return {"hotel_name": settings.HOTEL_NAME, "site_url": settings.SITE_URL, **context}


def _render_customer_email(email: CustomerEmail, context: dict, stored: EmailTemplate | None) -> Parts:
    values = email.placeholder_values(context)
    if stored is not None:
        return Parts(
            _one_line(fill(stored.subject, values, html=False)),
            fill(stored.text, values, html=False),
            fill(stored.html, values, html=True),
        )
    # The files: a block as its text in the subject and the text, as its (safe) HTML in the HTML part.
    text_context = {key: value.text if isinstance(value, Block) else value for key, value in values.items()}
    html_context = {key: mark_safe(value.html) if isinstance(value, Block) else value for key, value in values.items()}
    return _render_files(email.name, text_context=text_context, html_context=html_context)


def built_in_wording(email: CustomerEmail, language: str) -> Parts:
    """The built-in files of `email` in `language` with each placeholder standing for itself ({{ name }}): a
    manager's first draft, which filled in gives the same email as the files."""
    tokens = {name: token(name) for name in email.all_placeholders}
    with translation.override(language):
        return _render_files(email.name, text_context=tokens, html_context=tokens)


def _render_files(name: str, *, text_context: dict, html_context: dict) -> Parts:
    return Parts(
        _one_line(_plain_text(f"emails/{name}_subject.txt", text_context)),
        _plain_text(f"emails/{name}.txt", text_context),
        render_to_string(f"emails/{name}.html", html_context),
    )


def _one_line(subject: str) -> str:
    return " ".join(subject.split())


def _plain_text(template_name: str, context: dict) -> str:
    return get_template(template_name).template.render(Context(context, autoescape=False))


def queue_email(
    name: str, context: dict, *, to: list[str], language: str | None = None, attachments: list[Attachment] = ()
) -> None:
    """Render the email now and send it from a worker after the current transaction commits."""
    message = render_email(name, context, to=to, language=language)
    letter = {
        "subject": message.subject,
        "body": message.body,
        "html": message.alternatives[0][0],
        "to": message.to,
        "attachments": [[a.filename, base64.b64encode(a.content).decode(), a.mimetype] for a in attachments],
    }
    if settings.EMAIL_SEND_INLINE:
        transaction.on_commit(lambda: deliver(**letter))
        return
    # The task module imports this one (for `deliver`), so it is imported here, when an email is queued.
    from hotelsales.tasks import send_email_task

    send_email_task.delay_on_commit(**letter)


def deliver(*, subject: str, body: str, html: str, to: list[str], attachments: list[list[str]] = ()) -> int:
    """Hand one rendered email to the mail server; connection and SMTP errors propagate for the task to retry.
    Each attachment is [file name, base64 content, MIME type]."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message.send()
