from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    MASLIKHAT_STAFF = "maslikhat_staff", _("Maslikhat staff")
    MASLIKHAT_HEAD = "maslikhat_head", _("Head of maslikhat")
    SECRETARIAT = "secretariat", _("Council secretariat")


class User(AbstractUser):
    """A person who signs in. Staff of a maslikhat are tied to it; admins are superusers."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CITIZEN)
    maslikhat = models.ForeignKey(
        "registry.Maslikhat",
        verbose_name=_("maslikhat"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("Required for maslikhat staff and heads: the maslikhat whose data they edit."),
    )
    language = models.CharField(
        _("language"), max_length=2, default="kk", choices=[("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role__in=["maslikhat_staff", "maslikhat_head"]) | models.Q(maslikhat__isnull=False),
                name="maslikhat_role_needs_maslikhat",
            )
        ]

    @property
    def display_name(self) -> str:
        """How lists and e-mails name the user: the full name, else the role — never the username,
        which is a login, not a name."""
        return self.get_full_name() or str(self.get_role_display())
