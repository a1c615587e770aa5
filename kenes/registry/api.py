"""Public, read-only API of the registry: regions, maslikhats, people and organisations.
Shaped after Popolo / Open Civic Data (Area, Organization, Person, Post, Membership)."""

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from kenes.core.api.schemas import ERRORS, NOT_FOUND, Pagination, Ref, RegionRef, Translated, one_of, today
from kenes.registry import selectors
from kenes.registry.models import Maslikhat, Membership, Organization, Person, Post, Region

router = Router()


# --- schemas --------------------------------------------------------------------------------


class OtherName(Schema):
    name: Translated
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None


class RegionOut(Schema):
    id: int
    kato: str = Field(description="KATO code (classifier of administrative-territorial objects)")
    classification: Literal["oblast", "city"] = Field(description="oblast, or city of republican significance")
    name: Translated
    other_names: list[OtherName] = Field(description="Former names with the dates they were used")
    center: Translated = Field(description="Administrative centre")
    valid_from: datetime.date
    valid_to: datetime.date | None
    split_from: str | None = Field(description="KATO code of the region this one was split from")
    updated_at: datetime.datetime
    is_demo: bool

    @staticmethod
    def resolve_classification(obj: Region) -> str:
        return obj.kind

    @staticmethod
    def resolve_other_names(obj: Region) -> list[dict]:
        return [o for o in obj.other_names or [] if isinstance(o, dict) and "name" in o]

    @staticmethod
    def resolve_split_from(obj: Region) -> str | None:
        return obj.split_from.kato if obj.split_from_id else None


class MaslikhatBrief(Schema):
    id: int
    name: Translated
    level: Literal["regional", "city", "district"]


class RegionDetailOut(RegionOut):
    maslikhats: list[MaslikhatBrief]

    @staticmethod
    def resolve_maslikhats(obj: Region) -> list[Maslikhat]:
        return list(obj.maslikhats.all())


class MembershipOut(Schema):
    """A Popolo membership: a person holding a post in a maslikhat or an organisation."""

    id: int
    person_id: int
    person: Ref
    post_id: int
    role: one_of(Post.Role)
    label: Translated = Field(description="The title of the post on the membership's last day (or today)")
    start_date: datetime.date | None
    end_date: datetime.date | None
    mandate_type: Literal["", "party_list", "single_member"] = Field(description="Deputies only")
    party: Ref | None
    constituency: str
    is_released: bool = Field(description="Works full-time in the maslikhat")
    updated_at: datetime.datetime
    is_demo: bool

    @staticmethod
    def resolve_role(obj: Membership) -> str:
        return obj.post.role

    @staticmethod
    def resolve_label(obj: Membership) -> dict:
        return obj.post.title_on(min(obj.end_date or today(), today()))


class PersonMembershipOut(MembershipOut):
    maslikhat: Ref | None
    organization: Ref | None
    region: RegionRef | None

    @staticmethod
    def resolve_maslikhat(obj: Membership) -> Maslikhat | None:
        return obj.post.maslikhat

    @staticmethod
    def resolve_organization(obj: Membership) -> Organization | None:
        return obj.post.organization

    @staticmethod
    def resolve_region(obj: Membership) -> Region | None:
        return obj.post.maslikhat.region if obj.post.maslikhat_id else None


class HeadOut(Schema):
    membership_id: int
    person: Ref
    title: Translated = Field(description="Secretary of the maslikhat until 2022-12-31, chairman from 2023-01-01")
    start_date: datetime.date | None
    end_date: datetime.date | None


class MaslikhatOut(Schema):
    id: int
    name: Translated
    level: Literal["regional", "city", "district"]
    region: RegionRef
    parent_id: int | None
    convocation: int
    convocation_roman: str = Field(description="e.g. VIII")
    seats: int | None
    updated_at: datetime.datetime
    is_demo: bool


class ContactDetail(Schema):
    type: str
    value: str


class MaslikhatDetailOut(MaslikhatOut):
    address: Translated
    website: str
    contact_details: list[ContactDetail] = Field(description="The maslikhat's public contacts")
    head: HeadOut | None
    memberships: list[MembershipOut] = Field(description="Current members")

    @staticmethod
    def resolve_contact_details(obj: Maslikhat) -> list[dict]:
        return [{"type": "email", "value": obj.email}] if obj.email else []

    @staticmethod
    def resolve_head(obj: Maslikhat) -> dict | None:
        head = obj.current_head
        if head is None:
            return None
        return {
            "membership_id": head.pk,
            "person": head.person,
            "title": head.post.title_on(today()),
            "start_date": head.start_date,
            "end_date": head.end_date,
        }

    @staticmethod
    def resolve_memberships(obj: Maslikhat) -> list[Membership]:
        return obj.current_memberships


class PersonOut(Schema):
    id: int
    name: Translated
    sort_name: str
    image: str = Field(description="Photo URL")
    updated_at: datetime.datetime
    is_demo: bool

    @staticmethod
    def resolve_image(obj: Person) -> str:
        return obj.photo_url


class PersonDetailOut(PersonOut):
    biography: Translated
    memberships: list[PersonMembershipOut]

    @staticmethod
    def resolve_memberships(obj: Person) -> list[Membership]:
        return obj.membership_list


class OrganizationOut(Schema):
    id: int
    name: Translated
    short_name: Translated
    classification: one_of(Organization.Kind) = Field(description="The kind of organisation")
    parent_id: int | None
    region: RegionRef | None
    maslikhat_id: int | None
    start_date: datetime.date | None = Field(description="Founding date")
    end_date: datetime.date | None = Field(description="Dissolution date")
    website: str
    updated_at: datetime.datetime
    is_demo: bool

    @staticmethod
    def resolve_classification(obj: Organization) -> str:
        return obj.kind


class OrganizationDetailOut(OrganizationOut):
    description: Translated
    memberships: list[MembershipOut] = Field(description="Current holders of the organisation's posts")

    @staticmethod
    def resolve_memberships(obj: Organization) -> list[Membership]:
        return obj.current_memberships


# --- filters --------------------------------------------------------------------------------


class RegionFilters(Schema):
    on: str | None = Field(None, description="A date YYYY-MM-DD such as 2020-10-21 (default: today), or `all`")


class MaslikhatFilters(Schema):
    region: str | None = Field(None, description="KATO code of the region", max_length=9)
    level: Literal["regional", "city", "district"] | None = None
    parent: int | None = Field(None, description="id of the parent maslikhat", ge=1)


class PersonFilters(Schema):
    q: str | None = Field(None, description="Search the name in any language", max_length=100)


class OrganizationFilters(Schema):
    kind: one_of(Organization.Kind) | None = Field(None, description="Only organisations of this kind (classification)")


# --- regions --------------------------------------------------------------------------------


def _parse_day(value: str | None) -> datetime.date | None:
    """`on` is a date (YYYY-MM-DD) or "all"; None means every region, whatever its dates."""
    if value is None or value == "":
        return today()
    if value == "all":
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValidationError({"on": _("Enter a valid date.")}) from None


@router.get(
    "/regions",
    response={200: list[RegionOut], **ERRORS},
    tags=["regions"],
    summary="Regions valid on a day",
    description="The oblasts and cities of republican significance valid on `on` (default: today). "
    "17 regions on 2020-10-21, 20 since 2022-06-08. `on=all` lists every region ever recorded.",
)
@paginate(Pagination)
def region_list(request: HttpRequest, filters: Query[RegionFilters]) -> QuerySet[Region]:
    day = _parse_day(filters.on)
    qs = selectors.regions_on(day) if day else Region.objects.order_by("kato")
    return qs.select_related("split_from")


@router.get("/regions/{kato}", response={200: RegionDetailOut, **NOT_FOUND}, tags=["regions"], summary="A region")
def region_detail(request: HttpRequest, kato: str) -> Region:
    return get_object_or_404(
        Region.objects.select_related("split_from").prefetch_related(
            Prefetch("maslikhats", queryset=Maslikhat.objects.order_by("level", "id"))
        ),
        kato=kato,
    )


# --- maslikhats -----------------------------------------------------------------------------


@router.get(
    "/maslikhats",
    response={200: list[MaslikhatOut], **ERRORS},
    tags=["maslikhats"],
    summary="Maslikhats",
    description="Elected local councils, filtered by region (KATO code), level or parent maslikhat.",
)
@paginate(Pagination)
def maslikhat_list(request: HttpRequest, filters: Query[MaslikhatFilters]) -> QuerySet[Maslikhat]:
    qs = Maslikhat.objects.select_related("region").order_by("region__kato", "level", "id")
    if filters.region:
        qs = qs.filter(region__kato=filters.region)
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.parent:
        qs = qs.filter(parent_id=filters.parent)
    return qs


@router.get(
    "/maslikhats/{maslikhat_id}",
    response={200: MaslikhatDetailOut, **NOT_FOUND},
    tags=["maslikhats"],
    summary="A maslikhat with its head and current members",
    description="The head's title depends on the date: secretary of the maslikhat until 2022-12-31, "
    "chairman from 2023-01-01 (Law No. 157-VII). Members are the memberships valid today.",
)
def maslikhat_detail(request: HttpRequest, maslikhat_id: int) -> Maslikhat:
    maslikhat = get_object_or_404(selectors.maslikhats_with_heads(), pk=maslikhat_id)
    maslikhat.current_head = selectors.head_of(maslikhat)
    maslikhat.current_memberships = list(selectors.maslikhat_members(maslikhat))
    return maslikhat


# --- people ---------------------------------------------------------------------------------


@router.get("/people", response={200: list[PersonOut], **ERRORS}, tags=["people"], summary="People")
@paginate(Pagination)
def person_list(request: HttpRequest, filters: Query[PersonFilters]) -> QuerySet[Person]:
    qs = selectors.search_people(filters.q) if filters.q else Person.objects.all()
    return qs.order_by("sort_name", "id")


@router.get(
    "/people/{person_id}",
    response={200: PersonDetailOut, **NOT_FOUND},
    tags=["people"],
    summary="A person with their memberships",
)
def person_detail(request: HttpRequest, person_id: int) -> Person:
    person = get_object_or_404(Person, pk=person_id)
    person.membership_list = list(selectors.person_memberships(person))
    return person


# --- organisations --------------------------------------------------------------------------


@router.get(
    "/organizations", response={200: list[OrganizationOut], **ERRORS}, tags=["organizations"], summary="Organisations"
)
@paginate(Pagination)
def organization_list(request: HttpRequest, filters: Query[OrganizationFilters]) -> QuerySet[Organization]:
    qs = Organization.objects.select_related("region").order_by("kind", "id")
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return qs


@router.get(
    "/organizations/{organization_id}",
    response={200: OrganizationDetailOut, **NOT_FOUND},
    tags=["organizations"],
    summary="An organisation with the current holders of its posts",
)
def organization_detail(request: HttpRequest, organization_id: int) -> Organization:
    organization = get_object_or_404(Organization.objects.select_related("region"), pk=organization_id)
    organization.current_memberships = list(
        selectors.current_memberships().filter(post__organization=organization).order_by("post__role", "id")
    )
    return organization
