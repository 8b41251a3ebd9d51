"""The customer-facing emails a manager may reword (subject, text and HTML per language), and the one placeholder
syntax their stored wording may use.

A stored wording (hotelsales.models.EmailTemplate) is filled by `fill`, never by Django's template engine: it can
write `{{ name }}` for the placeholders its email lists, and nothing else is read or run. `{% now "Y" %}` stays as
typed. In the HTML part a plain value is escaped and a block (a list of dates, a table of amounts) goes in as its
own HTML; in the subject and the text nothing is escaped, as in the built-in templates (hotelsales.emails).

Registering an email. The base imports no app, so each app registers its own customer-facing emails from its
AppConfig.ready (see marketing/emails.py):

    register(CustomerEmail(
        name="proposal_sent",  # the trio templates/emails/proposal_sent_subject.txt, .txt and .html
        title=_("Proposal"),
        description=_("Sent with a proposal to the client's contact."),
        placeholders={"name": _("The contact's name"), "proposal_link": _("The link to the proposal")},
        values=lambda context: {"name": context["contact"].name, "proposal_link": ...},
        sample=lambda: {"contact": Profile(name=_("Wang Fang")), ...},
    ))

`values` turns the context its sender passes to `queue_email` into the placeholder values, in the recipient's
language (it runs under translation.override); `sample` makes a context for the preview without touching the
database. The email's three files may use only its placeholders as plain variables (`{{ name }}`, inside
{% blocktranslate %} too) besides {% translate %}: the editor's first draft is those files rendered with each
placeholder standing for itself, and it must give the same email as the files do.
"""

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hotelsales.punctuation import word_list

# {{ name }}, with or without the spaces; what lies between the braces is checked against the email's placeholders.
PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
# Longer texts than these are not wording but something pasted by mistake.
MAX_SUBJECT = 200
MAX_BODY = 20_000

COMMON_PLACEHOLDERS: dict[str, Promise] = {
    "hotel_name": _("The hotel's name"),
    "site_url": _("The address of this website, as guests reach it"),
}


@dataclass(frozen=True)
class Block:
    """A placeholder value with a form of its own for each part: `html` is already safe HTML."""

    text: str
    html: SafeString


Value = str | Block


@dataclass(frozen=True)
class CustomerEmail:
    name: str
    title: Promise
    description: Promise
    placeholders: Mapping[str, Promise]
    values: Callable[[dict], Mapping[str, Value]]
    sample: Callable[[], dict]

    @property
    def all_placeholders(self) -> dict[str, Promise]:
        return {**self.placeholders, **COMMON_PLACEHOLDERS}

    def placeholder_values(self, context: dict) -> dict[str, Value]:
        """Every placeholder's value for a context that holds `hotel_name` and `site_url` (hotelsales.emails
        adds them) besides what the sender passes."""
        return {**self.values(context), **{name: str(context[name]) for name in COMMON_PLACEHOLDERS}}


EMAILS: dict[str, CustomerEmail] = {}


def register(email: CustomerEmail) -> None:
    EMAILS[email.name] = email


def fill(template: str, values: Mapping[str, Value], *, html: bool) -> str:
    """The template with each known `{{ name }}` replaced by its value; an unknown one (a placeholder an email
    no longer has) stays as written rather than stopping the email."""

    def value_of(match: re.Match) -> str:
        value = values.get(match.group(1))
        if value is None:
            return match.group(0)
        if isinstance(value, Block):
            return value.html if html else value.text
        return conditional_escape(value) if html else str(value)

    return PLACEHOLDER.sub(value_of, template)


def placeholder_problems(template: str, allowed: Iterable[str]) -> list[str]:
    """What is wrong with the placeholders of a stored template, in words for its form; nothing when all is well."""
    allowed = sorted(allowed)
    unknown = sorted({name for name in PLACEHOLDER.findall(template) if name not in allowed})
    problems = []
    if unknown:
        problems.append(
            gettext("Unknown placeholders: %(unknown)s. This email's placeholders are: %(allowed)s.")
            % {"unknown": word_list(map(token, unknown)), "allowed": word_list(map(token, allowed))}
        )
    leftover = PLACEHOLDER.sub("", template)
    if "{{" in leftover or "}}" in leftover:
        problems.append(
            gettext("Write each placeholder as %(example)s, with two braces on each side.") % {"example": token("name")}
        )
    return problems


def token(name: str) -> str:
    """The placeholder as a template writes it: {{ name }} (a long mistaken one cut short)."""
    return "{{ " + (name if len(name) <= 40 else f"{name[:40]}…") + " }}"
