from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

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
