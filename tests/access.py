"""Who may open which page: the table that tests/test_access.py checks against every URL of the project.

Every named URL must appear here (or in PUBLIC / NOT_PAGES); issues that add pages add their rows.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from hotelsales.roles import ALL_ROLES, Role

SALES, FRONT_DESK, MANAGER, RECEIVABLES, ADMIN = Role.values


@dataclass(frozen=True)
class Rule:
    roles: tuple[str, ...]
    kwargs: Callable[[], dict] | None = None
    method: str = "get"
    ok: tuple[int, ...] = (200,)
    data: dict = field(default_factory=dict)


# Open to anyone; the public inquiry form and its thank-you page (rate-limited); the feedback page, the client's page
# of a proposal or BEO sent for acceptance, the iCal feed and a marketing email's links are guarded by their secret
# or signed tokens, the SMS gateway's and the location webhooks by their signatures.
PUBLIC = {
    "healthz", "login", "set_language", "reservations:feedback", "clienthistory:activity-feed", "marketing:sms-inbound",
    "marketing:click", "marketing:unsubscribe", "marketing:location-hook", "inquiry:form", "inquiry:thanks",
    "reservations:client-document", "reservations:client-document-pdf",
}  # fmt: skip
# Handled by their own packages' checks (Django admin requires staff), or actions tested on their own.
NOT_PAGES = {"logout"}

ACCESS: dict[str, Rule] = {
    "overview:home": Rule(ALL_ROLES),
    "hotelsales:job-runs": Rule((MANAGER, ADMIN)),
    "password_change": Rule(ALL_ROLES),
    "password_change_done": Rule(ALL_ROLES),
    "hotelsales:exports": Rule(ALL_ROLES),
    # Each person downloads only their own files: another's export is not found.
    "hotelsales:export-download": Rule(ALL_ROLES, lambda: {"pk": _someone_elses_export()}, ok=(404,)),
    "hotelsales:email-templates": Rule((MANAGER, ADMIN)),
    "hotelsales:email-template-edit": Rule((MANAGER, ADMIN), lambda: EMAIL_IN_CHINESE),
    "hotelsales:email-template-preview": Rule((MANAGER, ADMIN), lambda: EMAIL_IN_CHINESE),
    "hotelsales:email-template-restore": Rule((MANAGER, ADMIN), lambda: EMAIL_IN_CHINESE, method="post", ok=(302,)),
}


EMAIL_IN_CHINESE = {"name": "lead_receipt", "language": "zh-hans"}
FORECAST_WEIGHTS = {"prospect": "10", "tentative": "50", "definite": "100", "actual": "100"}


def _someone_elses_export() -> int:
    from hotelsales.models import Export
    from tests.factories import UserFactory

    return Export.objects.create(requested_by=UserFactory(), table="t", language="en", filename="x.xlsx", rows=1).pk


def _account():
    from tests.factories import AccountFactory

    return {"pk": AccountFactory().pk}


def _profile():
    from tests.factories import ProfileFactory

    return {"pk": ProfileFactory().pk}


def _preference():
    from tests.factories import PreferenceFactory

    return {"pk": PreferenceFactory().pk}


def _vip_level():
    from tests.factories import VipLevelFactory

    return {"pk": VipLevelFactory().pk}


def _own_activity():
    """An activity of the cast's salesperson, whom the edit and done pages admit besides managers."""
    from tests.factories import ActivityFactory

    return {"pk": ActivityFactory(owner__username=f"{SALES}-user").pk}


def _someone_elses_import() -> int:
    from clienthistory.models import ImportJob
    from tests.factories import UserFactory

    return ImportJob.objects.create(
        kind="profile", requested_by=UserFactory(), language="en", filename="x.csv", row_count=0, state="ready"
    ).pk


CLIENT_READERS = (SALES, FRONT_DESK, MANAGER, RECEIVABLES)

ACCESS.update(
    {
        "clienthistory:account-list": Rule(CLIENT_READERS),
        "clienthistory:account-create": Rule((SALES, MANAGER, RECEIVABLES)),
        "clienthistory:account-lookup": Rule(CLIENT_READERS),
        "clienthistory:account-import": Rule((SALES, MANAGER)),
        "clienthistory:account-import-confirm": Rule((SALES, MANAGER), method="post", ok=(400,)),
        "clienthistory:account-import-template": Rule((SALES, MANAGER)),
        "clienthistory:account-export": Rule(CLIENT_READERS),
        # Each person sees and confirms only their own long imports: another's is not found.
        "clienthistory:import-job": Rule((SALES, MANAGER), lambda: {"pk": _someone_elses_import()}, ok=(404,)),
        "clienthistory:import-job-confirm": Rule(
            (SALES, MANAGER), lambda: {"pk": _someone_elses_import()}, method="post", ok=(404,)
        ),
        "clienthistory:account-detail": Rule(CLIENT_READERS, _account),
        "clienthistory:account-edit": Rule((SALES, MANAGER, RECEIVABLES), _account),
        "clienthistory:credit-assess": Rule((MANAGER, RECEIVABLES), _account, method="post", ok=(400,)),
        "clienthistory:profile-list": Rule(CLIENT_READERS),
        "clienthistory:profile-create": Rule((SALES, FRONT_DESK, MANAGER)),
        "clienthistory:profile-lookup": Rule(CLIENT_READERS),
        "clienthistory:profile-import": Rule((SALES, MANAGER)),
        "clienthistory:profile-import-confirm": Rule((SALES, MANAGER), method="post", ok=(400,)),
        "clienthistory:profile-import-template": Rule((SALES, MANAGER)),
        "clienthistory:profile-export": Rule(CLIENT_READERS),
        "clienthistory:profile-detail": Rule(CLIENT_READERS, _profile),
        "clienthistory:profile-edit": Rule((SALES, FRONT_DESK, MANAGER), _profile),
        "clienthistory:preference-add": Rule((SALES, FRONT_DESK, MANAGER), _profile, method="post", ok=(400,)),
        "clienthistory:preference-delete": Rule((SALES, FRONT_DESK, MANAGER), _preference, method="post"),
        "clienthistory:search": Rule(CLIENT_READERS),
        "clienthistory:client-matches": Rule(CLIENT_READERS),
        "clienthistory:profile-privacy-export": Rule((MANAGER,), _profile),
        "clienthistory:profile-anonymise": Rule((MANAGER,), _profile, method="post", ok=(302,)),
        "clienthistory:duplicate-list": Rule((SALES, MANAGER)),
        "clienthistory:profile-merge": Rule((SALES, MANAGER), method="post", ok=(400,)),
        "clienthistory:activity-list": Rule((SALES, MANAGER)),
        "clienthistory:activity-create": Rule((SALES, MANAGER)),
        "clienthistory:activity-edit": Rule((SALES, MANAGER), _own_activity),
        "clienthistory:activity-done": Rule((SALES, MANAGER), _own_activity, method="post", ok=(400,)),
        "clienthistory:activity-calendar": Rule((SALES, MANAGER)),
        "clienthistory:activity-team-week": Rule((MANAGER,)),
        "clienthistory:activity-feed-settings": Rule((SALES, MANAGER)),
        "clienthistory:activity-feed-rotate": Rule((SALES, MANAGER), method="post", ok=(302,)),
        "clienthistory:vip-level-list": Rule((MANAGER,)),
        "clienthistory:vip-level-create": Rule((MANAGER,)),
        "clienthistory:vip-level-edit": Rule((MANAGER,), _vip_level),
    }
)


def _booking():
    from tests.factories import BookingFactory

    return {"pk": BookingFactory().pk}


def _event():
    from tests.factories import make_event

    return {"pk": make_event().pk}


ACCESS.update(
    {
        "reservations:booking-list": Rule(CLIENT_READERS),
        "reservations:booking-create": Rule((SALES, MANAGER)),
        "reservations:booking-lookup": Rule(CLIENT_READERS),
        "reservations:booking-detail": Rule(CLIENT_READERS, _booking),
        "reservations:booking-edit": Rule((SALES, MANAGER), _booking),
        "reservations:booking-status": Rule((SALES, MANAGER), _booking, method="post", ok=(302,)),
        "reservations:booking-status-confirm": Rule((SALES, MANAGER), lambda: _booking() | {"status": "definite"}),
        "reservations:booking-deposits": Rule((SALES, MANAGER), _booking),
        "reservations:event-create": Rule((SALES, MANAGER)),
        "reservations:event-edit": Rule((SALES, MANAGER), _event),
        "reservations:event-delete": Rule((SALES, MANAGER), _event, method="post", ok=(302,)),
        "reservations:diary": Rule(CLIENT_READERS),
    }
)

# Printed documents: the BEO of an event, the proposal / contract of a booking.
ACCESS.update(
    {
        "reservations:event-beo": Rule(CLIENT_READERS, _event),
        "reservations:event-beo-print": Rule(CLIENT_READERS, _event, method="post", ok=(302,)),
        "reservations:event-beo-pdf": Rule(CLIENT_READERS, _event),
        "reservations:booking-proposal": Rule(CLIENT_READERS, _booking),
        "reservations:booking-proposal-pdf": Rule(CLIENT_READERS, _booking),
        "reservations:booking-send": Rule((SALES, MANAGER), _booking),
        "reservations:booking-group-value": Rule(CLIENT_READERS, lambda: {"pk": _booking_with_block()}),
        "reservations:sent-pdf": Rule(CLIENT_READERS, lambda: {"pk": _sent_document()}),
    }
)


def _booking_with_block() -> int:
    from datetime import timedelta

    from django.utils import timezone

    from reservations.models import GroupBlock
    from tests.factories import BookingFactory

    booking = BookingFactory(kind="group")
    GroupBlock.objects.create(booking=booking, rate=500, cutoff_date=timezone.localdate() + timedelta(days=30))
    return booking.pk


def _sent_document() -> int:
    import secrets

    from django.utils import timezone

    from reservations.models import SentDocument
    from tests.factories import BookingFactory

    booking = BookingFactory()
    return SentDocument.objects.create(
        booking=booking, kind="proposal", value=0, token_digest=secrets.token_hex(32), language="zh-hans",
        sent_to="k@example.cn", sent_by=booking.owner, expires_at=timezone.now(), html="<html></html>", pdf=b"%PDF-1.4",
    ).pk  # fmt: skip


def _reservation():
    from datetime import timedelta

    from django.utils import timezone

    from reservations.rooms.stays import book_room
    from tests.factories import ProfileFactory, RoomTypeFactory

    today = timezone.localdate()
    reservation = book_room(guest=ProfileFactory(), arrival=today, departure=today + timedelta(days=2),
                            room_type=RoomTypeFactory(code="ACC"))  # fmt: skip
    return {"pk": reservation.pk}


def _group_booking():
    from tests.factories import BookingFactory

    return {"booking_pk": BookingFactory(kind="group", status="definite").pk}


def _block():
    from decimal import Decimal

    from django.utils import timezone

    from reservations.models import GroupBlock
    from tests.factories import BookingFactory

    booking = BookingFactory(kind="group", status="definite")
    return {"pk": GroupBlock.objects.create(booking=booking, rate=Decimal("500"), cutoff_date=timezone.localdate()).pk}


DESK = (FRONT_DESK, SALES, MANAGER)

ACCESS.update(
    {
        "reservations:reservation-create": Rule(DESK),
        "reservations:availability-options": Rule(DESK),
        "reservations:guest-summary": Rule(DESK),
        "reservations:availability": Rule(CLIENT_READERS),
        "reservations:front-desk": Rule(CLIENT_READERS),
        "reservations:front-desk-list": Rule(CLIENT_READERS, lambda: {"which": "in-house"}),
        "reservations:reservation-detail": Rule(CLIENT_READERS, _reservation),
        "reservations:reservation-action": Rule(
            DESK, _reservation, method="post", ok=(302,), data={"action": "check_in"}
        ),
        "reservations:block-create": Rule((SALES, MANAGER), _group_booking),
        "reservations:block-detail": Rule(CLIENT_READERS, _block),
        "reservations:block-rooming-import": Rule(DESK, _block),
        "reservations:block-rooming-import-confirm": Rule(DESK, _block, method="post", ok=(400,)),
        "reservations:block-rooming-template": Rule(DESK, _block),
        "reservations:block-rooming-export": Rule(CLIENT_READERS, _block),
    }
)


def _dunning_level():
    from receivables.models import DunningLevel

    level = DunningLevel.objects.create(
        level=DunningLevel.objects.count() + 1, days_past_due=DunningLevel.objects.count() * 30 + 1,
        subject_zh="提醒", body_zh="请付款", subject_en="Reminder", body_en="Please pay",
    )  # fmt: skip
    return {"pk": level.pk}


def _dunning_run():
    from django.utils import timezone

    from receivables.models import DunningRun

    return {"pk": DunningRun.objects.create(on_date=timezone.localdate()).pk}


def _dunning_letter():
    from django.utils import timezone

    from receivables.models import DunningLetter, DunningLevel, DunningNotice, DunningRun
    from tests.factories import AccountFactory, issued_invoice

    run = DunningRun.objects.create(on_date=timezone.localdate())
    account = AccountFactory()
    letter = DunningLetter.objects.create(run=run, account=account, channel="letter", language="zh-hans",
                                          status="sending")  # fmt: skip
    taken = DunningLevel.objects.count()
    level = DunningLevel.objects.create(
        level=90 + taken, days_past_due=900 + taken, channel="letter",
        subject_zh="催款", body_zh="请付款", subject_en="Reminder", body_en="Please pay",
    )  # fmt: skip
    DunningNotice.objects.create(invoice=issued_invoice(account), level=level, letter=letter, balance=1000,
                                 days_past_due=30)  # fmt: skip
    return {"pk": letter.pk}


CLERKS = (RECEIVABLES, MANAGER)

ACCESS.update(
    {
        "receivables:aging": Rule(CLERKS),
        "receivables:aging-account": Rule(CLERKS, _account),
        "receivables:dunning-policy": Rule(CLERKS),
        "receivables:dunning-level-create": Rule((MANAGER,)),
        "receivables:dunning-level-edit": Rule((MANAGER,), _dunning_level),
        "receivables:dunning-preview": Rule(CLERKS),
        "receivables:dunning-run-now": Rule(CLERKS, method="post", ok=(302,)),
        "receivables:dunning-runs": Rule(CLERKS),
        "receivables:dunning-run-detail": Rule(CLERKS, _dunning_run),
        "receivables:dunning-letter-pdf": Rule(CLERKS, _dunning_letter),
        "receivables:dunning-letter-resolve": Rule(CLERKS, _dunning_letter, method="post", ok=(302,)),
        "receivables:collections": Rule(CLERKS),
        "receivables:collection-note": Rule(CLERKS, _account, method="post", ok=(302,)),
    }
)


def _invoice():
    from tests.factories import issued_invoice

    return {"pk": issued_invoice().pk}


def _draft_invoice():
    from decimal import Decimal

    from receivables.invoicing import Line, create_invoice
    from tests.factories import AccountFactory

    return {"pk": create_invoice(account=AccountFactory(), lines=[Line("会议室租金", Decimal("800"))]).pk}


def _dispute():
    from datetime import timedelta

    from django.utils import timezone

    from receivables.models import Dispute
    from tests.factories import issued_invoice

    until = timezone.localdate() + timedelta(days=14)
    return {"pk": Dispute.objects.create(invoice=issued_invoice(), reason="金额有误", until=until).pk}


def _payment():
    from decimal import Decimal

    from django.utils import timezone

    from receivables.payments import record_payment
    from tests.factories import AccountFactory

    return {"pk": record_payment(account=AccountFactory(), date=timezone.localdate(), amount=Decimal("500")).pk}


def _credit_note():
    from decimal import Decimal

    from django.utils import timezone

    from receivables.payments import issue_credit_note
    from tests.factories import AccountFactory

    today = timezone.localdate()
    return {"pk": issue_credit_note(account=AccountFactory(), amount=Decimal("200"), reason="服务补偿", date=today).pk}


INVOICE_READERS = (SALES, MANAGER, RECEIVABLES)
ISSUE_TOKEN = "6f1d6a52-7d4c-4a55-9d59-2f1f7c0e8a11"  # the issue button's one-time token (hotelsales.once)
INVOICE_EDITORS = (MANAGER, RECEIVABLES)

ACCESS.update(
    {
        "receivables:invoice-list": Rule(INVOICE_READERS),
        "receivables:invoice-create": Rule(INVOICE_EDITORS),
        "receivables:invoice-lookup": Rule(INVOICE_READERS),
        "receivables:invoice-detail": Rule(INVOICE_READERS, _invoice),
        "receivables:invoice-edit": Rule(INVOICE_EDITORS, _draft_invoice),
        "receivables:invoice-issue": Rule(
            INVOICE_EDITORS, _draft_invoice, method="post", ok=(302,), data={"form_token": ISSUE_TOKEN}
        ),
        "receivables:invoice-delete": Rule(INVOICE_EDITORS, _draft_invoice, method="post", ok=(302,)),
        "receivables:invoice-void": Rule(INVOICE_EDITORS, _invoice, method="post", ok=(302,), data={"reason": "开错"}),
        "receivables:invoice-credit": Rule(INVOICE_EDITORS, _invoice, method="post", ok=(400,)),
        "receivables:invoice-dispute": Rule(INVOICE_EDITORS, _invoice, method="post", ok=(400,)),
        "receivables:invoice-promise": Rule(INVOICE_EDITORS, _invoice, method="post", ok=(400,)),
        "receivables:dispute-resolve": Rule(INVOICE_EDITORS, _dispute, method="post", ok=(302,)),
        "receivables:booking-invoice": Rule(INVOICE_EDITORS, _booking, method="post", ok=(400,)),
        "receivables:reservation-invoice": Rule(INVOICE_EDITORS, _reservation),
        "receivables:payment-list": Rule(INVOICE_READERS),
        "receivables:payment-create": Rule(INVOICE_EDITORS),
        "receivables:payment-open-invoices": Rule(INVOICE_EDITORS),
        "receivables:payment-detail": Rule(INVOICE_READERS, _payment),
        "receivables:payment-allocate": Rule(INVOICE_EDITORS, _payment, method="post", ok=(400,)),
        "receivables:credit-note-list": Rule(INVOICE_READERS),
        "receivables:credit-note-create": Rule(INVOICE_EDITORS),
        "receivables:credit-note-detail": Rule(INVOICE_READERS, _credit_note),
        "receivables:credit-note-allocate": Rule(INVOICE_EDITORS, _credit_note, method="post", ok=(400,)),
        "receivables:account-statement": Rule(INVOICE_READERS, _account),
    }
)


def _plan():
    from tests.factories import MarketingPlanFactory

    return {"year": MarketingPlanFactory().year}


# The marketing plan: managers set it, sales read it; the front desk and receivables see none of it.
ACCESS.update(
    {
        "marketing:plan-list": Rule((SALES, MANAGER)),
        "marketing:plan-detail": Rule((SALES, MANAGER), _plan),
        "marketing:plan-export": Rule((SALES, MANAGER), _plan),
        "marketing:plan-create": Rule((MANAGER,)),
        "marketing:plan-edit": Rule((MANAGER,), _plan),
        "marketing:plan-targets": Rule((MANAGER,), _plan),
    }
)


def _promotion():
    from tests.factories import PromotionFactory

    return {"pk": PromotionFactory().pk}


def _audience():
    from tests.factories import AudienceFactory

    return {"pk": AudienceFactory().pk}


# Marketing: sales build, managers see everything; the front desk and receivables see none of it.
MARKETERS = (SALES, MANAGER)

ACCESS.update(
    {
        "marketing:promotion-calendar": Rule(MARKETERS),
        "marketing:promotion-list": Rule(MARKETERS),
        "marketing:promotion-create": Rule(MARKETERS),
        "marketing:promotion-detail": Rule(MARKETERS, _promotion),
        "marketing:promotion-edit": Rule(MARKETERS, _promotion),
        "marketing:audience-list": Rule(MARKETERS),
        "marketing:audience-create": Rule(MARKETERS),
        "marketing:audience-preview": Rule(MARKETERS),
        "marketing:audience-rule-row": Rule(MARKETERS),
        "marketing:audience-rule-fields": Rule(MARKETERS),
        "marketing:audience-detail": Rule(MARKETERS, _audience),
        "marketing:audience-edit": Rule(MARKETERS, _audience),
        "marketing:audience-count": Rule(MARKETERS, _audience),
        "marketing:audience-export": Rule(MARKETERS, _audience),
    }
)


def _campaign(**fields):
    from tests.factories import CampaignFactory

    return {"pk": CampaignFactory(**fields).pk}


def _call_campaign():
    """A call list being sent, with one call handed to the cast's salesperson."""
    from django.contrib.auth.models import User

    from tests.factories import CampaignFactory, campaign_call

    campaign = CampaignFactory(channel="call", status="sending")
    call = campaign_call(campaign, caller=User.objects.get(username=f"{SALES}-user"))
    return {"pk": campaign.pk, "call_pk": call.pk}


def _printed_campaign():
    from marketing.models import Letters
    from tests.factories import CampaignFactory

    campaign = CampaignFactory(channel="letter", status="sent")
    Letters.objects.create(campaign=campaign, pdf=b"%PDF-1.4\n%%EOF\n")
    return {"pk": campaign.pk}


# Campaigns: sales draft and submit them, managers approve them or send them back; a call list's calls are recorded
# by their caller (or a manager).
ACCESS.update(
    {
        "marketing:campaign-list": Rule(MARKETERS),
        "marketing:campaign-create": Rule(MARKETERS),
        "marketing:campaign-detail": Rule(MARKETERS, _campaign),
        "marketing:campaign-edit": Rule(MARKETERS, _campaign),
        "marketing:campaign-forecast": Rule(MARKETERS, _campaign),
        "marketing:campaign-progress": Rule(MARKETERS, lambda: _campaign(status="sending")),
        "marketing:campaign-submit": Rule(MARKETERS, _campaign, method="post", ok=(302,)),
        "marketing:campaign-approve": Rule((MANAGER,), lambda: _campaign(status="submitted"), method="post", ok=(302,)),
        "marketing:campaign-send-back": Rule(
            (MANAGER,), lambda: _campaign(status="submitted"), method="post", ok=(302,), data={"note": "优惠写清楚"}
        ),
        "marketing:campaign-cancel": Rule(MARKETERS, _campaign, method="post", ok=(302,)),
        "marketing:campaign-calls": Rule(MARKETERS, lambda: {"pk": _call_campaign()["pk"]}),
        "marketing:campaign-call-record": Rule(
            MARKETERS, _call_campaign, method="post", ok=(302,), data={"outcome": "interested"}
        ),
        "marketing:campaign-letters-pdf": Rule(MARKETERS, _printed_campaign),
    }
)


def _sent_campaign():
    """A campaign sent to a few guests through the real engine, so that its results page shows every part."""
    from marketing.campaigns.sending import run
    from tests.factories import DueCampaignFactory, ProfileFactory

    ProfileFactory.create_batch(3, marketing_consent=True)
    campaign = DueCampaignFactory()
    run(campaign.pk)
    return {"pk": campaign.pk}


# What campaigns brought: read by sales and managers.
ACCESS.update(
    {
        "marketing:campaign-overview": Rule(MARKETERS),
        "marketing:campaign-overview-export": Rule(MARKETERS),
        "marketing:campaign-results": Rule(MARKETERS, _sent_campaign),
    }
)


def _guest_with_a_number():
    from tests.factories import ProfileFactory

    return ProfileFactory(mobile="13700137000")


def _guest_and_offer():
    from tests.factories import OfferFactory

    return {"profile_pk": _guest_with_a_number().pk, "offer_pk": OfferFactory().pk}


def _account_pk():
    from tests.factories import AccountFactory

    return {"account_pk": AccountFactory().pk}


# The front-line assistant: the people who answer the phone and the desk read the guest's card; receivables do not.
ASSISTED = (SALES, FRONT_DESK, MANAGER)

ACCESS.update(
    {
        "marketing:assist-card": Rule(ASSISTED, lambda: {"profile_pk": _guest_with_a_number().pk}),
        "marketing:assist-account": Rule(ASSISTED, _account_pk),
        "marketing:assist-picked": Rule(ASSISTED),
        "marketing:assist-call": Rule(ASSISTED, data={"number": "+86 137-0013-7000"}),
        "marketing:assist-offer": Rule(ASSISTED, _guest_and_offer, method="post", data={"outcome": "offered"}),
    }
)


def _offer():
    from tests.factories import OfferFactory

    return {"pk": OfferFactory().pk}


# Offers: managers set them up; sales and the front desk, who make them to guests, read them.
ACCESS.update(
    {
        "marketing:offer-list": Rule((SALES, MANAGER, FRONT_DESK)),
        "marketing:offer-detail": Rule((SALES, MANAGER, FRONT_DESK), _offer),
        "marketing:offer-create": Rule((MANAGER,)),
        "marketing:offer-edit": Rule((MANAGER,), _offer),
    }
)


def _trigger():
    """A trigger that touched a guest through the real run, so that its page shows every part."""
    from datetime import timedelta

    from django.utils import timezone

    from marketing.triggers.running import run
    from tests.factories import ProfileFactory, TriggerFactory

    birthday = timezone.localdate() + timedelta(days=7)
    ProfileFactory(marketing_consent=True, birthday=birthday.replace(year=birthday.year - 28))
    trigger = TriggerFactory(control_share=0)
    run(trigger)
    return {"pk": trigger.pk}


# Triggers: managers set them up and switch them on or off; sales read them and what they brought.
ACCESS.update(
    {
        "marketing:trigger-list": Rule((SALES, MANAGER)),
        "marketing:trigger-compare": Rule((SALES, MANAGER)),
        "marketing:trigger-detail": Rule((SALES, MANAGER), _trigger),
        "marketing:trigger-create": Rule((MANAGER,)),
        "marketing:trigger-edit": Rule((MANAGER,), _trigger),
        "marketing:trigger-active": Rule((MANAGER,), _trigger, method="post", ok=(302,), data={"active": "0"}),
    }
)


ACCESS.update({"reservations:daily-report": Rule((MANAGER, FRONT_DESK, SALES))})
ACCESS.update({"reservations:daily-report-full": Rule((MANAGER, FRONT_DESK, SALES))})

ACCESS.update(
    {
        "overview:dashboard": Rule((MANAGER,)),
        "overview:sales-production": Rule((MANAGER, SALES)),
        # Sales targets and the forecast: managers set them, sales read them (their own row).
        "overview:targets": Rule((MANAGER, SALES)),
        "overview:targets-edit": Rule((MANAGER,)),
        "overview:forecast": Rule((MANAGER, SALES)),
        "overview:forecast-weights": Rule((MANAGER,), method="post", ok=(302,), data=FORECAST_WEIGHTS),
    }
)


def _function_room():
    from tests.factories import FunctionRoomFactory

    return {"pk": FunctionRoomFactory().pk}


def _resource():
    from decimal import Decimal

    from reservations.models import Resource

    resource = Resource.objects.create(name_zh="投影仪", name_en="Projector", quantity=2, unit_price=Decimal(800))
    return {"pk": resource.pk}


ACCESS.update(
    {
        "reservations:function-room-list": Rule((MANAGER,)),
        "reservations:function-room-create": Rule((MANAGER,)),
        "reservations:function-room-edit": Rule((MANAGER,), _function_room),
        "reservations:resource-list": Rule((MANAGER,)),
        "reservations:resource-create": Rule((MANAGER,)),
        "reservations:resource-edit": Rule((MANAGER,), _resource),
        "reservations:lost-business": Rule((SALES, MANAGER)),
    }
)


def _vip_level_with_template():
    from reservations.models import VipTemplateTask
    from tests.factories import VipLevelFactory

    level = VipLevelFactory()
    VipTemplateTask.objects.create(
        level=level, department="housekeeping", offset_minutes=-120, description="鲜花水果入房"
    )
    return level


def _template_level():
    return {"level_pk": _vip_level_with_template().pk}


def _template_task():
    from reservations.models import VipTemplateTask

    return {"pk": VipTemplateTask.objects.filter(level=_vip_level_with_template()).get().pk}


def _arrangement():
    from datetime import timedelta

    from django.utils import timezone

    from reservations.rooms.stays import book_room
    from tests.factories import ProfileFactory, RoomTypeFactory

    guest = ProfileFactory(vip_level=_vip_level_with_template())
    today = timezone.localdate()
    reservation = book_room(guest=guest, arrival=today, departure=today + timedelta(days=1),
                            room_type=RoomTypeFactory(code="VIP", rooms=50))  # fmt: skip
    return reservation.vip_arrangement


def _arrangement_pk():
    return {"pk": _arrangement().pk}


def _vip_task():
    return {"pk": _arrangement().tasks.get().pk}


def _complaint():
    from django.utils import timezone

    from reservations.guestcare.complaints import log_complaint
    from tests.factories import UserFactory

    clerk = UserFactory(username=f"{FRONT_DESK}-user")
    return log_complaint(received_by=clerk, category="noise", department="engineering", description="空调噪音大",
                         at=timezone.now())  # fmt: skip


def _complaint_pk():
    return {"pk": _complaint().pk}


def _resolved_complaint():
    from django.utils import timezone

    from reservations.guestcare.complaints import resolve

    complaint = _complaint()
    resolve(complaint=complaint, resolution="已更换房间", by=complaint.received_by, at=timezone.now())
    return {"pk": complaint.pk}


GUEST_CARE = (FRONT_DESK, SALES, MANAGER)

ACCESS.update(
    {
        "reservations:vip-templates": Rule((MANAGER,)),
        "reservations:vip-template-task-create": Rule((MANAGER,), _template_level),
        "reservations:vip-template-task-edit": Rule((MANAGER,), _template_task),
        "reservations:vip-template-task-delete": Rule((MANAGER,), _template_task, method="post", ok=(302,)),
        "reservations:vip-board": Rule(GUEST_CARE),
        "reservations:vip-arrangement": Rule(GUEST_CARE, _arrangement_pk),
        "reservations:vip-task-add": Rule(GUEST_CARE, _arrangement_pk, method="post", ok=(400,)),
        "reservations:vip-task-remove": Rule(GUEST_CARE, _vip_task, method="post", ok=(302,)),
        "reservations:vip-task-tick": Rule(GUEST_CARE, _vip_task, method="post", ok=(302,)),
        "reservations:complaint-create": Rule(GUEST_CARE),
        "reservations:complaint-list": Rule(GUEST_CARE),
        "reservations:complaint-analysis": Rule((MANAGER,)),
        "reservations:complaint-stay-lookup": Rule(GUEST_CARE),
        "reservations:complaint-event-lookup": Rule(GUEST_CARE),
        "reservations:complaint-detail": Rule(GUEST_CARE, _complaint_pk),
        "reservations:complaint-respond": Rule(GUEST_CARE, _complaint_pk, method="post", ok=(400,)),
        "reservations:complaint-resolve": Rule(GUEST_CARE, _complaint_pk, method="post", ok=(400,)),
        "reservations:complaint-callback": Rule(GUEST_CARE, _resolved_complaint, method="post", ok=(400,)),
        "reservations:profile-care": Rule(GUEST_CARE, _profile),
        "reservations:booking-care": Rule(GUEST_CARE, _booking),
    }
)

ACCESS.update({"reservations:booking-beo-pdf": Rule(CLIENT_READERS, _booking)})


def _menu():
    from tests.factories import MenuFactory

    return {"pk": MenuFactory().pk}


def _package():
    from tests.factories import PackageFactory

    return {"pk": PackageFactory().pk}


ACCESS.update(
    {
        "reservations:menu-list": Rule((SALES, MANAGER)),
        "reservations:menu-detail": Rule((SALES, MANAGER), _menu),
        "reservations:menu-create": Rule((MANAGER,)),
        "reservations:menu-edit": Rule((MANAGER,), _menu),
        "reservations:package-list": Rule((SALES, MANAGER)),
        "reservations:package-detail": Rule((SALES, MANAGER), _package),
        "reservations:package-create": Rule((MANAGER,)),
        "reservations:package-edit": Rule((MANAGER,), _package),
    }
)


def _lead():
    from tests.factories import LeadFactory

    return {"pk": LeadFactory().pk}


def _lead_route():
    from tests.factories import LeadRouteFactory

    return {"pk": LeadRouteFactory().pk}


# Leads (线索): sales and managers answer them, enter them and import them; the front desk and receivables see none
# of them. Managers set the routing rules, which sales read.
ACCESS.update(
    {
        "marketing:lead-list": Rule(MARKETERS),
        "marketing:lead-create": Rule(MARKETERS),
        "marketing:lead-import": Rule(MARKETERS),
        "marketing:lead-import-confirm": Rule(MARKETERS, method="post", ok=(400,)),
        "marketing:lead-import-template": Rule(MARKETERS),
        "marketing:lead-route-list": Rule(MARKETERS),
        "marketing:lead-route-create": Rule((MANAGER,)),
        "marketing:lead-route-edit": Rule((MANAGER,), _lead_route),
        "marketing:lead-report": Rule(MARKETERS),
        "marketing:lead-detail": Rule(MARKETERS, _lead),
        "marketing:lead-contacted": Rule(MARKETERS, _lead, method="post", ok=(302,)),
        "marketing:lead-lost": Rule(MARKETERS, _lead, method="post", ok=(400,)),
        "marketing:lead-convert": Rule(MARKETERS, _lead),
    }
)


def _season():
    from datetime import timedelta

    from django.utils import timezone

    from reservations.models import Season

    first = timezone.localdate() + timedelta(days=400 + Season.objects.count() * 10)
    return {"pk": Season.objects.create(name_zh="旺季", name_en="Peak", starts_on=first, ends_on=first).pk}


def _agreement():
    from tests.factories import RateAgreementFactory

    return {"pk": RateAgreementFactory().pk}


# Rates: managers set seasons and public rates; sales and managers keep accounts' rate agreements (sales renew their
# accounts' agreements from their home page); the desk reads the rates and quotes a stay as the clerk types.
ACCESS.update(
    {
        "reservations:rate-quote": Rule(DESK),
        "reservations:rate-grid": Rule(CLIENT_READERS),
        "reservations:rate-grid-edit": Rule((MANAGER,)),
        "reservations:season-create": Rule((MANAGER,)),
        "reservations:season-edit": Rule((MANAGER,), _season),
        "reservations:agreement-create": Rule((SALES, MANAGER), lambda: {"account_pk": _account()["pk"]}),
        "reservations:agreement-edit": Rule((SALES, MANAGER), _agreement),
        "reservations:agreement-end": Rule((SALES, MANAGER), _agreement, method="post", ok=(302,)),
        "reservations:agreement-letter-pdf": Rule(CLIENT_READERS, _agreement),
    }
)
