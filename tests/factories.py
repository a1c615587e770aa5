"""Factories for tests: small, valid records; reference data comes from the real loader."""

import datetime

import factory
from django.utils import timezone

from kenes.accounts.models import Role, User
from kenes.appeals.models import Appeal, AppealApplicant
from kenes.core.calendar import add_working_days
from kenes.councils.models import AgendaItem, Council, Session
from kenes.registry.models import Maslikhat, Membership, Organization, Person, Post, Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    kato = factory.Sequence(lambda n: f"9{n:08d}")
    kind = Region.Kind.OBLAST
    name = factory.Sequence(lambda n: {"kk": f"Облыс {n}", "ru": f"Область {n}", "en": f"Region {n}"})
    valid_from = datetime.date(1997, 5, 3)


class MaslikhatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Maslikhat

    level = Maslikhat.Level.REGIONAL
    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: {"kk": f"Мәслихат {n}", "ru": f"Маслихат {n}", "en": f"Maslikhat {n}"})


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: {"kk": f"Адам {n}", "ru": f"Человек {n}", "en": f"Person {n}"})
    sort_name = factory.Sequence(lambda n: f"Person {n}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    kind = Organization.Kind.PARTNER
    name = factory.Sequence(lambda n: {"kk": f"Ұйым {n}", "ru": f"Организация {n}", "en": f"Organisation {n}"})


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    role = Post.Role.DEPUTY
    maslikhat = factory.SubFactory(MaslikhatFactory)


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    organization = factory.SubFactory(OrganizationFactory, kind=Organization.Kind.COUNCIL)
    host = factory.SubFactory(OrganizationFactory, kind=Organization.Kind.CHAMBER)
    slug = factory.Sequence(lambda n: f"council-{n}")


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    council = factory.SubFactory(CouncilFactory)
    title = factory.Sequence(lambda n: {"kk": f"Отырыс {n}", "ru": f"Заседание {n}", "en": f"Session {n}"})
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    format = Session.Format.VIDEOCONFERENCE


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    session = factory.SubFactory(SessionFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: {"kk": f"Мәселе {n}", "ru": f"Вопрос {n}", "en": f"Question {n}"})


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.kz")
    role = Role.CITIZEN
    password = factory.PostGenerationMethodCall("set_password", "pw-for-tests-1")

    @factory.post_generation
    def _save(self, create, extracted, **kwargs):
        if create:
            self.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    """A person holding a post (by default a deputy of a new maslikhat) since the 2023 elections."""

    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    post = factory.SubFactory(PostFactory)
    start_date = datetime.date(2023, 3, 19)


def post_of(maslikhat: Maslikhat, role: str = Post.Role.DEPUTY) -> Post:
    """The maslikhat's post of `role` (each maslikhat has one post per role)."""
    post, _created = Post.objects.get_or_create(maslikhat=maslikhat, role=role)
    return post


def deputy_of(maslikhat: Maslikhat, *, start_date: datetime.date = datetime.date(2023, 3, 19), **person) -> Person:
    """A new person who is a deputy of `maslikhat` (a Membership of its deputy post)."""
    return MembershipFactory(person=PersonFactory(**person), post=post_of(maslikhat), start_date=start_date).person


class AppealFactory(factory.django.DjangoModelFactory):
    """An appeal written straight to the table, registered and due 15 working days later — for
    tests of what reads appeals (figures, lists). Tests of intake itself go through the service."""

    class Meta:
        model = Appeal
        skip_postgeneration_save = True

    tracking_code = factory.Sequence(lambda n: f"T{n:011d}")
    maslikhat = factory.SubFactory(MaslikhatFactory)
    kind = Appeal.Kind.REQUEST
    topic = "Street lighting"
    text = "Fictional test appeal."
    status = Appeal.Status.IN_PROGRESS
    registered_on = factory.LazyFunction(timezone.localdate)
    due_date = factory.LazyAttribute(lambda appeal: add_working_days(appeal.registered_on, 15))
    applicant = factory.RelatedFactory("tests.factories.AppealApplicantFactory", factory_related_name="appeal")


class AppealApplicantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AppealApplicant

    name = "Fictional Applicant"
    email = factory.Sequence(lambda n: f"applicant{n}@example.kz")
