"""Maslikhat staff edit their own maslikhat and its memberships; the secretariat edits any."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from kenes.core.models import AuditEntry
from kenes.registry import services
from kenes.registry.models import Membership, Person, Post
from tests.factories import MaslikhatFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def url(name, *args):
    with translation.override("en"):
        return reverse(f"registry-staff:{name}", args=args)


@pytest.fixture
def own():
    return MaslikhatFactory(
        name={"kk": "Ақтөбе облыстық мәслихаты", "ru": "Актюбинский областной маслихат", "en": "Aktobe"}
    )


@pytest.fixture
def staff_client(client, make_user, own):
    client.force_login(make_user("maslikhat_staff", maslikhat=own))
    return client


DETAILS = {
    "name_0": "Ақтөбе облыстық мәслихаты",
    "name_1": "Актюбинский областной маслихат",
    "name_2": "Aktobe Regional Maslikhat",
    "convocation": "8",
    "seats": "39",
    "address_1": "Актобе, пр. Абилкайыр хана, 40",
    "website": "https://aktobe-maslikhat.kz",
    "email": "info@aktobe-maslikhat.kz",
}


def test_my_maslikhat_leads_to_own(staff_client, own):
    response = staff_client.get(url("my-maslikhat"))
    assert response.status_code == 302 and response["Location"] == url("maslikhat-edit", own.pk)
    body = staff_client.get(response["Location"]).content.decode()
    assert "Aktobe" in body and "Add a deputy, the head or a staff member" in body


def test_staff_edits_own_maslikhat(staff_client, own):
    response = staff_client.post(url("maslikhat-edit", own.pk), DETAILS)
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.seats == 39 and own.name["en"] == "Aktobe Regional Maslikhat" and own.email == "info@aktobe-maslikhat.kz"
    entry = AuditEntry.objects.get(action="registry.maslikhat.updated")
    assert entry.before["seats"] is None and entry.after["seats"] == 39


def test_staff_cannot_edit_another_maslikhat(staff_client):
    other = MaslikhatFactory(seats=50)
    assert staff_client.get(url("maslikhat-edit", other.pk)).status_code == 403
    assert staff_client.post(url("maslikhat-edit", other.pk), DETAILS).status_code == 403
    assert (
        staff_client.post(
            url("membership-add", other.pk), {"member-role": "deputy", "member-person": PersonFactory().pk}
        ).status_code
        == 403
    )
    assert staff_client.get(url("maslikhat-list")).status_code == 403
    other.refresh_from_db()
    assert other.seats == 50 and not Membership.objects.exists()


def test_bad_details_are_form_errors(staff_client, own):
    response = staff_client.post(url("maslikhat-edit", own.pk), DETAILS | {"convocation": "99", "email": "nope"})
    assert response.status_code == 400  # the form with its errors
    errors = response.context["form"].errors
    assert "email" in errors and "convocation" in errors and "__all__" not in errors


def test_secretariat_lists_and_edits_any(client, secretariat, own):
    client.force_login(secretariat)
    other = MaslikhatFactory(name={"en": "Shymkent City Maslikhat"})
    body = client.get(url("maslikhat-list")).content.decode()
    assert "Shymkent City Maslikhat" in body and url("maslikhat-edit", own.pk) in body
    assert "Shymkent City Maslikhat" in client.get(url("maslikhat-list"), {"q": "Shymkent"}).content.decode()
    assert client.get(url("my-maslikhat"))["Location"] == url("maslikhat-list")
    assert client.post(url("maslikhat-edit", other.pk), DETAILS | {"seats": "30"}).status_code == 302
    other.refresh_from_db()
    assert other.seats == 30


def test_add_deputy_with_a_new_person(staff_client, own):
    party = OrganizationFactory(kind="party", name={"en": "Amanat"})
    response = staff_client.post(
        url("membership-add", own.pk),
        {
            "member-role": "deputy",
            "member-new_person_name_1": "Иванов Иван Иванович",
            "member-start_date": "2023-03-29",
            "member-mandate_type": "party_list",
            "member-party": party.pk,
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.select_related("person", "post").get()
    assert membership.person.name["ru"] == "Иванов Иван Иванович"
    assert membership.post.maslikhat == own and membership.post.role == Post.Role.DEPUTY
    assert membership.party == party and membership.start_date == datetime.date(2023, 3, 29)
    assert {"registry.person.created", "registry.membership.created"} <= set(
        AuditEntry.objects.values_list("action", flat=True)
    )


def test_single_member_deputy_needs_district(staff_client, own):
    person = PersonFactory()
    response = staff_client.post(
        url("membership-add", own.pk),
        {"member-role": "deputy", "member-person": person.pk, "member-mandate_type": "single_member"},
    )
    assert response.status_code == 400  # the form with its errors
    assert "needs the district" in response.content.decode()
    assert not Membership.objects.exists()


def test_second_head_refused_and_new_person_rolled_back(staff_client, own):
    services.membership_create(
        actor=None,
        person=PersonFactory(),
        post=services.post_for(maslikhat=own, role=Post.Role.HEAD),
        data={"start_date": datetime.date(2023, 4, 1)},
    )
    people = Person.objects.count()
    response = staff_client.post(
        url("membership-add", own.pk),
        {"member-role": "head", "member-new_person_name_0": "Жаңа төраға", "member-start_date": "2024-01-01"},
    )
    assert response.status_code == 400  # the form with its errors
    assert "already has a head on these dates" in response.content.decode()
    assert Person.objects.count() == people  # the inline person was not kept
    assert Membership.objects.count() == 1


def test_person_required(staff_client, own):
    response = staff_client.post(url("membership-add", own.pk), {"member-role": "staff"})
    assert "Choose a person or type the name of a new one." in response.content.decode()


def test_end_membership(staff_client, own, make_user):
    membership = services.membership_create(
        actor=None,
        person=PersonFactory(),
        post=services.post_for(maslikhat=own, role=Post.Role.STAFF),
        data={"start_date": datetime.date(2023, 4, 1)},
    )
    response = staff_client.post(
        url("membership-end", membership.pk), {f"end{membership.pk}-end_date": "2022-01-01"}, follow=True
    )
    assert "The end date cannot be before the start date." in response.content.decode()
    staff_client.post(url("membership-end", membership.pk), {f"end{membership.pk}-end_date": "2024-12-31"})
    membership.refresh_from_db()
    assert membership.end_date == datetime.date(2024, 12, 31)
    # Staff of another maslikhat cannot end it.
    staff_client.force_login(make_user("maslikhat_head"))
    assert (
        staff_client.post(
            url("membership-end", membership.pk), {f"end{membership.pk}-end_date": "2025-01-31"}
        ).status_code
        == 403
    )
    membership.refresh_from_db()
    assert membership.end_date == datetime.date(2024, 12, 31)
