"""Pre-aggregated figures of the responsiveness index.

The dashboard never reads appeals, mandates or plan reports: it reads MonthlyFigures, which
`rebuild_figures` recomputes from them with set-based SQL (GROUP BY). One row holds the counts of
one maslikhat (deputy empty: the whole maslikhat) or of one deputy in one maslikhat, for one month.
Counts add up across months, maslikhats and regions; the working-day histogram adds up too, so a
median over any of them is exact (see kenes/insights/figures.py).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Working days from registration to answer: one bucket per day 0..59 and a last bucket for
# "60 or more" (the statutory maximum, two months, is about 42 working days).
HISTOGRAM_TOP = 60


class MonthlyFigures(models.Model):
    maslikhat = models.ForeignKey(
        "registry.Maslikhat", verbose_name=_("maslikhat"), on_delete=models.CASCADE, related_name="+"
    )
    deputy = models.ForeignKey(
        "registry.Person",
        verbose_name=_("deputy"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: the figures of the whole maslikhat."),
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    # Appeals, by the month they were registered in.
    appeals_due = models.PositiveIntegerField(
        _("appeals due"), default=0, help_text=_("Answered, or unanswered with the deadline passed.")
    )
    answered_on_time = models.PositiveIntegerField(_("answered on time"), default=0)
    answered = models.PositiveIntegerField(_("answered"), default=0)
    working_days_sum = models.PositiveBigIntegerField(_("working days to answer, total"), default=0)
    working_days_histogram = models.JSONField(
        _("working days to answer, histogram"),
        default=list,
        blank=True,
        help_text=_("[answers after 0 working days, 1, 2, …]; the last bucket, 60, counts 60 or more."),
    )
    rated = models.PositiveIntegerField(_("answers rated"), default=0)
    rated_substance = models.PositiveIntegerField(_("answers rated as on substance"), default=0)
    # Voter mandates, by the month they were taken.
    mandates_total = models.PositiveIntegerField(_("voter mandates"), default=0)
    mandates_executed = models.PositiveIntegerField(_("voter mandates executed"), default=0)
    # Plan reports, by the month of the plan item's deadline (whole maslikhat only).
    reports_due = models.PositiveIntegerField(_("plan reports due"), default=0)
    reports_on_time = models.PositiveIntegerField(_("plan reports on time"), default=0)
    demo_records = models.PositiveIntegerField(
        _("demo records"), default=0, help_text=_("Appeals and mandates among them written for demonstration.")
    )
    updated_at = models.DateTimeField(_("computed at"), auto_now=True)

    class Meta:
        ordering = ["month", "maslikhat_id", "deputy_id"]
        verbose_name = _("monthly figures")
        verbose_name_plural = _("monthly figures")
        constraints = [
            models.UniqueConstraint(
                fields=["maslikhat", "month"], condition=Q(deputy__isnull=True), name="insights_one_maslikhat_month"
            ),
            models.UniqueConstraint(
                fields=["maslikhat", "deputy", "month"],
                condition=Q(deputy__isnull=False),
                name="insights_one_deputy_month",
            ),
        ]
        indexes = [
            # The dashboard reads the whole-maslikhat rows of a range of months.
            models.Index(fields=["month"], condition=Q(deputy__isnull=True), name="insights_maslikhat_rows_month"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.maslikhat_id}/{self.deputy_id or '-'}"


class WorkingDayIndex(models.Model):
    """The working-day calendar as a table, so SQL can count working days: `ordinal` is the number
    of working days from the start of the table up to and including `date`, so the working days
    after a up to and including b are ordinal(b) - ordinal(a), as kenes.core.calendar counts them.
    Rebuilt from core.CalendarDay with the figures; never edited."""

    date = models.DateField(primary_key=True)
    ordinal = models.PositiveIntegerField()
    month = models.DateField(help_text="The first day of the date's month.")

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.ordinal}"
