"""Rates: managers set seasons and the public rates; sales and managers keep the accounts' rate agreements (协议价)
and print their letters; everyone at the desk reads the rates."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clienthistory.models import Account
from hotelsales.pdf import pdf_response
from hotelsales.roles import has_role, role_required
from reservations import access
from reservations.models import PublicRate, RateAgreement, RoomType, Season
from reservations.rooms.rate_forms import (
    AgreementRateFormSet,
    EndAgreementForm,
    PublicRateGridForm,
    RateAgreementForm,
    SeasonForm,
)
from reservations.rooms.rates import renewal_of, save_agreement, set_public_rates
from reservations.sales.documents import letterhead


def _grid_form(data=None) -> PublicRateGridForm:
    """Seasons that are not over yet, and the public rates of the active room types: three queries."""
    room_types = list(RoomType.objects.filter(active=True))
    seasons = list(Season.objects.filter(ends_on__gte=timezone.localdate()))
    rates = list(PublicRate.objects.filter(room_type__in=room_types))
    return PublicRateGridForm(data, room_types=room_types, seasons=seasons, rates=rates)


@role_required(*access.READ)
def rate_grid(request):
    form = _grid_form()
    return render(
        request,
        "reservations/rate_grid.html",
        {"form": form, "editing": False, "may_configure": has_role(request.user, *access.CONFIGURE)},
    )


@role_required(*access.CONFIGURE)
def rate_grid_edit(request):
    form = _grid_form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        set_public_rates(amounts=form.amounts(), by=request.user)
        messages.success(request, _("Public rates saved."))
        return redirect("reservations:rate-grid")
    return render(
        request,
        "reservations/rate_grid.html",
        {"form": form, "editing": True, "may_configure": True},
        status=400 if form.errors else 200,
    )


@role_required(*access.CONFIGURE)
def season_create(request):
    return _season_form(request, Season())


@role_required(*access.CONFIGURE)
def season_edit(request, pk):
    return _season_form(request, get_object_or_404(Season, pk=pk))


def _season_form(request, season: Season):
    form = SeasonForm(request.POST or None, instance=season)
    if request.method == "POST" and form.is_valid():
        try:
            season = form.save()
        except IntegrityError:  # another manager saved an overlapping season meanwhile
            form.add_error("starts_on", _("Another season already covers some of these days."))
        else:
            messages.success(request, _("Season %(name)s saved.") % {"name": season.name})
            return redirect("reservations:rate-grid")
    return render(
        request,
        "reservations/season_form.html",
        {"form": form, "season": season if season.pk else None},
        status=400 if form.errors else 200,
    )


@role_required(*access.SELL)
def agreement_create(request, account_pk):
    account = get_object_or_404(Account, pk=account_pk)
    terms, lines = {}, []
    renew = request.GET.get("renew", "")
    renewing = RateAgreement.objects.filter(account=account, pk=int(renew)).first() if renew.isdigit() else None
    if renewing is not None:
        terms, lines = renewal_of(renewing)
    return _agreement_form(request, RateAgreement(account=account), initial=terms, line_initial=lines)


@role_required(*access.SELL)
def agreement_edit(request, pk):
    return _agreement_form(request, get_object_or_404(RateAgreement.objects.select_related("account"), pk=pk))


def _agreement_form(request, agreement: RateAgreement, initial=None, line_initial=None):
    data = request.POST or None
    form = RateAgreementForm(data, instance=agreement, initial=initial)
    lines = AgreementRateFormSet(data, instance=agreement, prefix="lines", initial=line_initial)
    if line_initial:
        lines.extra = max(len(line_initial), lines.extra)
    if request.method == "POST":
        valid = form.is_valid()
        if lines.is_valid() and valid:
            try:
                agreement = save_agreement(form=form, lines=lines, by=request.user)
            except (IntegrityError, ValidationError):
                form.add_error("valid_from", _("This account already has an agreement for some of these days."))
            else:
                messages.success(request, _("Rate agreement saved."))
                return redirect(agreement.account)
    return render(
        request,
        "reservations/agreement_form.html",
        {"form": form, "lines": lines, "agreement": agreement, "account": agreement.account},
        status=400 if request.method == "POST" else 200,
    )


@role_required(*access.SELL)
@require_POST
def agreement_end(request, pk):
    agreement = get_object_or_404(RateAgreement.objects.select_related("account"), pk=pk)
    form = EndAgreementForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["on"])
        agreement.end(on=form.cleaned_data["on"], by=request.user)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(
            request,
            _("The agreement now ends on %(day)s.")
            % {"day": formats.date_format(agreement.valid_until, "DATE_FORMAT")},
        )
    return redirect(agreement.account)


@role_required(*access.READ)
def agreement_letter(request, pk):
    """The rate-agreement letter (PDF) in the account's language for letters."""
    agreement = get_object_or_404(RateAgreement.objects.select_related("account", "account__owner"), pk=pk)
    language = agreement.account.letter_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            **letterhead(),
            "agreement": agreement,
            "lines": list(agreement.lines.select_related("room_type")),
            "issued_on": timezone.localdate(),
        }
        filename = f"rate-agreement-{agreement.pk}.pdf"
        return pdf_response(request, "reservations/agreement_letter.html", context, filename=filename)
