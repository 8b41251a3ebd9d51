"""Every email is a trio of templates, templates/emails/<name>_subject.txt, <name>.txt and <name>.html,
rendered in the recipient's language by this one helper. The subject and the text are plain text, rendered
without HTML escaping: a guest called O'Brien & <Sons> reads so, not O&#x27;Brien &amp; &lt;Sons&gt;. The HTML
part is escaped as every page is.

Emails leave the request: `queue_email` renders the message where its data is (inside the caller's transaction)
and hands the finished message to a Celery task once that transaction commits. The task talks to the mail server
and retries with growing pauses while the server is slow, down or refusing, so no page waits on it or fails
because of it, and nothing is sent for work that was rolled back. Attachments (a proposal's PDF) travel to the
task base64-encoded, as the task's arguments are JSON. (The dunning run keeps its own delivery: see
receivables/dunning.py.)
"""

import base64
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


def render_email(name: str, context: dict, *, to: list[str], language: str | None = None) -> EmailMultiAlternatives:
    context = {"hotel_name": settings.HOTEL_NAME, "site_url": settings.SITE_URL, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(_plain_text(f"emails/{name}_subject.txt", context).split())
        text = _plain_text(f"emails/{name}.txt", context)
        html = render_to_string(f"emails/{name}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=to)
    message.attach_alternative(html, "text/html")
    return message


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
