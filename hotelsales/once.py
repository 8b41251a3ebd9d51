"""Forms that change money record it once per submitted form, however often the form is posted.

Such a form carries a one-time token, a random UUID rendered into the page as a hidden field (`OnceForm`, or
`{% form_token %}` in a form written by hand). `submit_once` claims the token for the user in the transaction that
records the payment (the credit note, the invoice…) and keeps the address of the result. The same form posted
again — a double click, a browser resending, the back button — finds the token claimed and is answered with that
first result instead of recording the money twice. A fresh form has a fresh token and records again.

Two posts of the same form at the same moment: the second INSERT of the (user, token) row waits on the unique
index until the first transaction ends. If it committed, the second finds the claim and answers with its result;
if it rolled back, the second claims the token and does the work itself. A refusal (a ValidationError) rolls the
claim back with everything else, so the corrected form can be posted again with the same token.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hotelsales.models import SubmittedForm

FORM_TOKEN = "form_token"
T = TypeVar("T")


class OnceForm(forms.Form):
    """A form whose post is recorded once (see the module): it carries its one-time token in a hidden field."""

    form_token = forms.CharField(widget=forms.HiddenInput, required=False, initial=uuid.uuid4)

    def clean(self):
        cleaned = super().clean()
        try:
            cleaned[FORM_TOKEN] = uuid.UUID(cleaned.get(FORM_TOKEN) or "")
        except ValueError:
            self.add_error(None, gettext_lazy("This form has expired. Reload the page and enter it again."))
        return cleaned


@dataclass(frozen=True)
class Submission(Generic[T]):
    url: str  # the page of what the form recorded
    result: T | None  # what this post recorded; None when an earlier post of the same form had recorded it

    @property
    def repeated(self) -> bool:
        return self.result is None


def submit_once(*, user, token: uuid.UUID, record: Callable[[], T], result_url: Callable[[T], str]) -> Submission[T]:
    """Call `record` unless this user's form with `token` was posted before; either way, say where the result is.

    `record` runs in the transaction that claims the token: what it raises (a refusal) rolls the claim back."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                claim = SubmittedForm.objects.create(user=user, token=token)
        except IntegrityError:
            return Submission(SubmittedForm.objects.get(user=user, token=token).result_url, None)
        result = record()
        claim.result_url = result_url(result)
        claim.save(update_fields=["result_url"])
    return Submission(claim.result_url, result)


def answer(request, submission: Submission[T], recorded: Callable[[T], str]):
    """Show the result: with the message `recorded` gives for it, or, for a form posted again, that it was
    recorded already."""
    if submission.repeated:
        messages.info(request, _("This was already recorded."))
    else:
        messages.success(request, recorded(submission.result))
    return redirect(submission.url)
