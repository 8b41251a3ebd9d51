from django import forms
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from hotelsales.forms import StripsBidiControls
from reservations.guestcare.feedback import FeedbackClosed, answer_feedback
from reservations.models import FeedbackRequest


class FeedbackForm(StripsBidiControls, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How was it?"), coerce=int, widget=forms.RadioSelect,
        choices=[(5, _("Excellent")), (4, _("Good")), (3, _("Fair")), (2, _("Poor")), (1, _("Very poor"))],
    )  # fmt: skip
    comments = forms.CharField(label=_("Anything you would like to tell us?"), widget=forms.Textarea(attrs={"rows": 4}),
                               required=False, max_length=4000)  # fmt: skip


@never_cache
def feedback(request, token):
    """The guest's single-use feedback page: no sign-in; a used or expired link says so politely."""
    feedback_request = FeedbackRequest.objects.select_related("guest").filter(token=token).first()
    if feedback_request is None:
        raise Http404
    closed = None
    if feedback_request.answered_at:
        closed = _("Thank you — this feedback has already been given.")
    elif feedback_request.expires_at < timezone.now():
        closed = _("Sorry, this feedback link has expired.")
    form = FeedbackForm(request.POST or None)
    if closed is None and request.method == "POST" and form.is_valid():
        try:
            answer_feedback(token=token, at=timezone.now(), **form.cleaned_data)
        except FeedbackClosed as refusal:
            closed = refusal.messages[0]
        else:
            return render(request, "reservations/feedback.html", {"thanks": True, "guest": feedback_request.guest})
    return render(
        request,
        "reservations/feedback.html",
        {"form": form, "closed": closed, "guest": feedback_request.guest},
        status=410 if closed else 400 if form.errors else 200,
    )
