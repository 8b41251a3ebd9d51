from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hotelsales.mailtemplates import EMAILS, MAX_BODY, MAX_SUBJECT, placeholder_problems

# Names sort the way Chinese readers expect (by pinyin: 安徽, 北京, 南方, 中国), through PostgreSQL's ICU.
PINYIN = "zh-Hans-x-icu"


class JobRun(models.Model):
    """One run of a scheduled job: when it ran, for which business date, what it counted, how it ended."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    job = models.CharField(_("job"), max_length=100)
    on_date = models.DateField(_("for date"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RUNNING)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["job", "-started_at"], name="jobrun_job_started")]

    def __str__(self):
        return f"{self.job} {self.started_at:%Y-%m-%d %H:%M}"

    def succeed(self) -> None:
        self.status = self.Status.SUCCEEDED
        self.finished_at = timezone.now()
        self.save(update_fields=["status", "finished_at", "counts"])

    def fail(self, *, error: str) -> None:
        self.status = self.Status.FAILED
        self.finished_at = timezone.now()
        self.error = error
        self.save(update_fields=["status", "finished_at", "counts", "error"])


class BilingualName(models.Model):
    """A name kept in both languages; `name` is the one of the active language."""

    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (translation.get_language() or "").startswith("en") else self.name_zh


class Export(models.Model):
    """An Excel download too long to write while the browser waits: a Celery worker writes it here, in the one
    database every web node reads, and the person who asked for it downloads it from their exports page."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Being written")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.CASCADE, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    table = models.CharField(_("list"), max_length=200, help_text=_("The dotted path of the function that builds it."))
    query = models.TextField(_("filters"), blank=True, help_text=_("The list page's query string."))
    language = models.CharField(_("language"), max_length=10)
    filename = models.CharField(_("file name"), max_length=200)
    rows = models.PositiveIntegerField(_("rows"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    content = models.BinaryField(_("content"), null=True, editable=False)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["requested_by", "-requested_at"], name="export_user_requested")]

    def __str__(self):
        return self.filename


class SubmittedForm(models.Model):
    """A one-time form token its user has posted, and the page of what that post recorded (hotelsales.once)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.UUIDField()
    result_url = models.CharField(max_length=200, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "token"], name="one_submission_per_form_token")]

    def __str__(self):
        return f"{self.token} → {self.result_url}"


class EmailTemplate(models.Model):
    """A manager's wording of a customer-facing email (hotelsales.mailtemplates) in one language; it replaces the
    email's built-in templates for that language until it is deleted ("Restore the built-in text")."""

    name = models.CharField(_("email"), max_length=100)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=MAX_SUBJECT)
    text = models.CharField(_("text"), max_length=MAX_BODY)
    html = models.CharField(_("HTML"), max_length=MAX_BODY)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("edited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("edited"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("email template")
        verbose_name_plural = _("email templates")
        ordering = ["name", "language"]
        constraints = [
            models.UniqueConstraint(fields=["name", "language"], name="one_email_template_per_language"),
            models.CheckConstraint(
                condition=~Q(subject__contains="\n") & ~Q(subject__contains="\r"),
                name="email_template_subject_one_line",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.language})"

    def clean(self):
        email = EMAILS.get(self.name)
        if email is None:
            raise ValidationError({"name": _("No customer-facing email has this name.")})
        errors = {
            part: problems
            for part in ("subject", "text", "html")
            if (problems := placeholder_problems(getattr(self, part), email.all_placeholders))
        }
        if "\n" in self.subject or "\r" in self.subject:
            errors.setdefault("subject", []).append(_("The subject is one line."))
        if errors:
            raise ValidationError(errors)
