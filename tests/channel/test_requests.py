"""Requests to maslikhats: one answer per maslikhat, editable until the due date, late answers,
the matrix of who answered."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kenes.channel import selectors, services
from kenes.channel.models import RequestResponse
from tests.channel.conftest import aware
from tests.factories import MaslikhatFactory, UserFactory

pytestmark = pytest.mark.django_db

DUE = datetime.date(2031, 3, 14)


def _request(world, targets=None):
    return services.request_create(
        actor=world.clerk,
        data={"title": {"en": "Send your proposals"}, "text": {"en": "On the draft law"}, "due_date": DUE},
        targets=targets or [world.own, world.other],
    )


def test_request_needs_targets_and_a_future_date(world):
    with pytest.raises(ValidationError) as error:
        services.request_create(
            actor=world.clerk, data={"title": {"en": "T"}, "text": {"en": "x"}, "due_date": DUE}, targets=[]
        )
    assert "targets" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.request_create(
            actor=world.clerk,
            data={
                "title": {"en": "T"},
                "text": {"en": "x"},
                "due_date": timezone.localdate() - datetime.timedelta(days=1),
            },
            targets=[world.own],
        )
    assert "due_date" in error.value.message_dict


def test_one_answer_per_maslikhat_editable_until_due_date(world):
    request = _request(world)
    first = services.response_submit(
        request=request, actor=world.staff, text={"en": "Draft"}, submitted_at=aware(DUE - datetime.timedelta(days=3))
    )
    second = services.response_submit(
        request=request, actor=world.head, text={"en": "Final"}, submitted_at=aware(DUE, 18)
    )
    assert first.pk == second.pk and RequestResponse.objects.filter(request=request).count() == 1
    assert second.text == {"en": "Final"} and second.submitted_by == world.head and not second.is_late
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.response_submit(
            request=request,
            actor=world.staff,
            text={"en": "Too late"},
            submitted_at=aware(DUE + datetime.timedelta(days=1)),
        )
    assert RequestResponse.objects.get(pk=first.pk).text == {"en": "Final"}


def test_first_answer_after_the_date_is_taken_and_late(world):
    request = _request(world)
    late = services.response_submit(
        request=request,
        actor=world.other_staff,
        text={"en": "Sorry"},
        submitted_at=aware(DUE + datetime.timedelta(days=2)),
    )
    assert late.is_late


def test_only_targeted_maslikhats_answer(world):
    request = _request(world, targets=[world.own])
    for user in (world.other_staff, world.clerk, UserFactory(role="citizen")):
        with pytest.raises(ValidationError, match="not sent to your maslikhat"):
            services.response_submit(request=request, actor=user, text={"en": "x"})
    assert not RequestResponse.objects.exists()


def test_response_attachment_checked(world):
    request = _request(world)
    with pytest.raises(ValidationError):
        services.response_submit(
            request=request, actor=world.staff, text={"en": "x"}, attachment=SimpleUploadedFile("a.exe", b"MZ")
        )
    response = services.response_submit(
        request=request, actor=world.staff, text={"en": "x"}, attachment=SimpleUploadedFile("a.pdf", b"%PDF-1.7")
    )
    assert response.attachment.name.endswith(".pdf")


def test_matrix_answered_late_missing_overdue(world):
    third = MaslikhatFactory()
    fourth = MaslikhatFactory()
    request = _request(world, targets=[world.own, world.other, third, fourth])
    services.response_submit(request=request, actor=world.staff, text={"en": "on time"}, submitted_at=aware(DUE))
    services.response_submit(
        request=request,
        actor=world.other_staff,
        text={"en": "late"},
        submitted_at=aware(DUE + datetime.timedelta(days=1)),
    )
    UserFactory(role="maslikhat_staff", maslikhat=third)
    states = {row.maslikhat: row.state for row in selectors.response_matrix(request)}
    assert states == {world.own: "answered", world.other: "late", third: "missing", fourth: "missing"}
    with time_machine.travel(aware(DUE + datetime.timedelta(days=1)), tick=False):
        states = {row.maslikhat: row.state for row in selectors.response_matrix(request)}
    assert states[third] == "overdue" and states[fourth] == "overdue"
    counted = selectors.requests_with_counts().get(pk=request.pk)
    assert (counted.targeted, counted.answered) == (4, 2)
