"""Notifications to signed-in users: shown in the app and e-mailed (at once or in a daily digest).

A notification is stored once per recipient and key, so a caller that runs twice (a retried task,
a double click) never notifies twice; e-mails are claimed atomically before sending, so each goes
out at most once (a crash between the claim and the send leaves the row "sending"; the task
reset_stale_sending puts such rows back after an hour). Texts are rendered at delivery time in the recipient's language from the
template `<app>/notifications/<name>.txt` named by the kind "<app>.<name>" (first line: subject).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Group(models.TextChoices):
    ASSIGNMENTS = "assignments", _("Assignments to me or my maslikhat")
    DEADLINES = "deadlines", _("Approaching and passed deadlines")
    STATUS = "status", _("Status changes")
    ANSWERS = "answers", _("Answers and replies")


class EmailMode(models.TextChoices):
    IMMEDIATE = "immediate", _("At once")
    DIGEST = "digest", _("In a daily digest")
    OFF = "off", _("Never")


# Without a preference row: assignments and answers by e-mail at once, the rest in the digest.
DEFAULT_EMAIL = {Group.ASSIGNMENTS: EmailMode.IMMEDIATE, Group.ANSWERS: EmailMode.IMMEDIATE}


def default_email(group: str) -> str:
    return DEFAULT_EMAIL.get(group, EmailMode.DIGEST)


class Notification(models.Model):
    class EmailStatus(models.TextChoices):
        PENDING = "pending", _("To send")
        DIGEST = "digest", _("Waiting for the digest")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Not e-mailed")
        FAILED = "failed", _("Failed")

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=100)
    group = models.CharField(max_length=20, choices=Group.choices)
    key = models.CharField(max_length=200, help_text="Unique per recipient: the same event never notifies twice.")
    params = models.JSONField(default=dict, blank=True)
    path = models.CharField(max_length=300, blank=True, help_text="Link without the language prefix, e.g. /staff/…")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email_status = models.CharField(max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING)
    emailed_at = models.DateTimeField(null=True, blank=True)
    in_app = models.BooleanField(
        default=True, help_text="Shown in the recipient's inbox (off when they chose no in-app notices for the group)."
    )
    digest = models.BooleanField(default=False, help_text="E-mailed in the daily digest rather than at once.")
    claimed_at = models.DateTimeField(
        null=True, blank=True, help_text="When a sender claimed the e-mail; a stale claim is reset after an hour."
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_key")]
        indexes = [models.Index(fields=["recipient", "read_at"]), models.Index(fields=["email_status"])]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"


class Preference(models.Model):
    """How one user wants one group of notifications. No row = the defaults."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    group = models.CharField(max_length=20, choices=Group.choices)
    email = models.CharField(max_length=10, choices=EmailMode.choices, default=EmailMode.DIGEST)
    in_app = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "group"], name="one_preference_per_group")]
