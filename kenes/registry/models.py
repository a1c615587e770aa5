"""Who is who, shaped after Popolo / Open Civic Data: areas (regions), organizations,
maslikhats, people, posts and memberships, each with the dates they hold."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kenes.core.i18n import TranslatedField, pick

# Law of 05.11.2022 No. 157-VII: from 2023-01-01 the head of a maslikhat is its chairman
# (elected from the deputies, full-time); until then the secretary of the maslikhat.
HEAD_TITLE_CHANGED_ON = datetime.date(2023, 1, 1)


class Dated(models.Model):
    """A record valid from a start date to an end date (inclusive); no end date = still valid."""

    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        abstract = True

    @classmethod
    def q_valid_on(cls, day: datetime.date, prefix: str = "") -> Q:
        return (Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": day})) & (
            Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": day})
        )


class Timestamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    is_demo = models.BooleanField(
        _("demo record"), default=False, help_text=_("Written by hand for demonstration; not official data.")
    )

    class Meta:
        abstract = True


class Region(Timestamped):
    """A first-level administrative unit: an oblast or a city of republican significance."""

    class Kind(models.TextChoices):
        OBLAST = "oblast", _("Region (oblast)")
        CITY = "city", _("City of republican significance")

    kato = models.CharField(_("KATO code"), max_length=9, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = TranslatedField(_("name"), max_length=200)
    other_names = models.JSONField(
        _("former names"), default=list, blank=True, help_text=_("[{name: {kk, ru, en}, start_date, end_date}]")
    )
    center = TranslatedField(_("administrative centre"), max_length=200, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    split_from = models.ForeignKey(
        "self", verbose_name=_("split from"), null=True, blank=True, on_delete=models.PROTECT, related_name="split_off"
    )

    class Meta:
        ordering = ["kato"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="region_valid_range",
            )
        ]

    def __str__(self) -> str:
        return pick(self.name)

    @classmethod
    def q_valid_on(cls, day: datetime.date) -> Q:
        return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))

    def name_on(self, day: datetime.date) -> dict:
        """The name the region bore on `day` (e.g. Nur-Sultan until 2022-09-18)."""
        for other in self.other_names or []:
            start = other.get("start_date")
            end = other.get("end_date")
            if (not start or start <= day.isoformat()) and end and day.isoformat() <= end:
                return other["name"]
        return self.name


class Organization(Timestamped, Dated):
    """Any body that is not a maslikhat: the host chamber, the council, government bodies,
    partners, public councils, national cultural centres, media, parties."""

    class Kind(models.TextChoices):
        CHAMBER = "chamber", _("Chamber of parliament")
        COUNCIL = "council", _("Council")
        GOVERNMENT = "government", _("Government body")
        AKIMAT = "akimat", _("Akimat")
        PARTNER = "partner", _("Partner organisation")
        PUBLIC_COUNCIL = "public_council", _("Public council")
        CULTURAL_CENTRE = "cultural_centre", _("National cultural centre")
        MEDIA = "media", _("Media")
        PARTY = "party", _("Political party")
        ASSOCIATION = "association", _("Public association")
        INSTITUTE = "institute", _("Institute")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = TranslatedField(_("name"), max_length=300)
    short_name = TranslatedField(_("short name"), max_length=100, blank=True)
    description = TranslatedField(_("description"), long=True, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT, related_name="organizations"
    )
    maslikhat = models.ForeignKey(
        "Maslikhat",
        verbose_name=_("attached to maslikhat"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
        help_text=_("For a public council or other body attached to a maslikhat."),
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="organization_dates",
            )
        ]

    def __str__(self) -> str:
        return pick(self.name)


class Maslikhat(Timestamped):
    """An elected local representative body: regional, city (of oblast significance) or district."""

    class Level(models.TextChoices):
        REGIONAL = "regional", _("Regional (oblast or city of republican significance)")
        CITY = "city", _("City")
        DISTRICT = "district", _("District")

    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    name = TranslatedField(_("name"), max_length=300)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="maslikhats")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent maslikhat"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    convocation = models.PositiveSmallIntegerField(
        _("convocation"), default=8, help_text=_("8 = VIII, elected 19 March 2023.")
    )
    seats = models.PositiveSmallIntegerField(_("seats"), null=True, blank=True)
    address = TranslatedField(_("address"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("public e-mail"), blank=True)

    class Meta:
        ordering = ["region__kato", "level", "id"]
        verbose_name = _("maslikhat")
        verbose_name_plural = _("maslikhats")
        constraints = [
            models.CheckConstraint(
                condition=Q(level="regional", parent__isnull=True) | ~Q(level="regional"), name="regional_has_no_parent"
            ),
            models.CheckConstraint(condition=Q(convocation__gte=1) & Q(convocation__lte=30), name="convocation_range"),
        ]

    def __str__(self) -> str:
        return pick(self.name)

    @property
    def convocation_roman(self) -> str:
        return to_roman(self.convocation)


def to_roman(number: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letter in numerals:
        while number >= value:
            out += letter
            number -= value
    return out


class Person(Timestamped):
    name = TranslatedField(_("full name"), max_length=200)
    sort_name = models.CharField(_("sort name"), max_length=200, blank=True)
    biography = TranslatedField(_("biography"), long=True, blank=True)
    photo_url = models.URLField(_("photo"), blank=True)

    class Meta:
        ordering = ["sort_name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return pick(self.name)


class Post(models.Model):
    """A position in a maslikhat or an organisation that people hold in turn."""

    class Role(models.TextChoices):
        DEPUTY = "deputy", _("Deputy")
        HEAD = "head", _("Head of maslikhat")
        STAFF = "staff", _("Staff")
        CHAIR = "chair", _("Chair")
        DEPUTY_CHAIR = "deputy_chair", _("Deputy chair")
        MEMBER = "member", _("Member")

    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    label = TranslatedField(_("title"), max_length=200, blank=True, help_text=_("Overrides the title of the role."))
    maslikhat = models.ForeignKey(Maslikhat, null=True, blank=True, on_delete=models.CASCADE, related_name="posts")
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="posts"
    )

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.CheckConstraint(
                condition=Q(maslikhat__isnull=False, organization__isnull=True)
                | Q(maslikhat__isnull=True, organization__isnull=False),
                name="post_in_one_body",
            ),
            models.UniqueConstraint(fields=["maslikhat", "role"], condition=Q(role="head"), name="one_head_post"),
        ]

    def __str__(self) -> str:
        return f"{pick(self.title_on(timezone.localdate()))} — {self.body}"

    @property
    def body(self) -> Maslikhat | Organization:
        return self.maslikhat or self.organization

    def title_on(self, day: datetime.date) -> dict:
        """The title of the post on `day`. The head of a maslikhat was its secretary until
        2022-12-31 and is its chairman from 2023-01-01 (Law No. 157-VII)."""
        if self.label and any(self.label.values()):
            return self.label
        return role_title(self.role, day)


def role_title(role: str, day: datetime.date) -> dict:
    if role == Post.Role.HEAD:
        if day < HEAD_TITLE_CHANGED_ON:
            return {"kk": "Мәслихат хатшысы", "ru": "Секретарь маслихата", "en": "Secretary of the maslikhat"}
        return {"kk": "Мәслихат төрағасы", "ru": "Председатель маслихата", "en": "Chairman of the maslikhat"}
    return ROLE_TITLES.get(role, {"kk": role, "ru": role, "en": role})


ROLE_TITLES = {
    "deputy": {"kk": "Депутат", "ru": "Депутат", "en": "Deputy"},
    "staff": {"kk": "Аппарат қызметкері", "ru": "Сотрудник аппарата", "en": "Staff"},
    "chair": {"kk": "Төраға", "ru": "Председатель", "en": "Chair"},
    "deputy_chair": {"kk": "Төрағаның орынбасары", "ru": "Заместитель председателя", "en": "Deputy chair"},
    "member": {"kk": "Мүше", "ru": "Член", "en": "Member"},
}


class Membership(Timestamped, Dated):
    """A person holding a post for a time. Deputies carry their mandate details."""

    class MandateType(models.TextChoices):
        PARTY_LIST = "party_list", _("Party list")
        SINGLE_MEMBER = "single_member", _("Single-member district")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="memberships")
    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.PROTECT, related_name="memberships")
    mandate_type = models.CharField(_("mandate"), max_length=20, choices=MandateType.choices, blank=True)
    party = models.ForeignKey(
        Organization,
        verbose_name=_("party"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="party_memberships",
        limit_choices_to={"kind": "party"},
    )
    constituency = models.CharField(_("constituency"), max_length=200, blank=True)
    is_released = models.BooleanField(
        _("released (full-time)"),
        default=False,
        help_text=_("Works in the maslikhat full-time, released from other work."),
    )
    note = TranslatedField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["post_id", "-start_date", "id"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="membership_dates",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.post}"

    def title(self) -> dict:
        return self.post.title_on(self.end_date or timezone.localdate())
