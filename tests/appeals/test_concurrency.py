"""Two clerks acting on one appeal at once: the second waits for the first one's row lock, then
sees its change and is refused — never two forwarded copies or two answers."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connections, transaction

from kenes.appeals import services
from kenes.appeals.models import Appeal
from tests.appeals.conftest import submit
from tests.factories import MaslikhatFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_a_second_concurrent_forward_is_refused_and_makes_no_copy():
    here, there = MaslikhatFactory(), MaslikhatFactory()
    appeal = submit(here)
    first_clerk = UserFactory(role="maslikhat_staff", maslikhat=here)
    second_clerk = UserFactory(role="maslikhat_staff", maslikhat=here)
    forwarded = threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with transaction.atomic():
                services.appeal_forward(appeal=Appeal.objects.get(pk=appeal.pk), actor=first_clerk, maslikhat=there)
                forwarded.set()
                time.sleep(0.5)  # still uncommitted while the second clerk tries
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
            forwarded.set()
        finally:
            connections.close_all()

    thread = threading.Thread(target=first)
    thread.start()
    assert forwarded.wait(10)
    with pytest.raises(ValidationError) as refused:
        services.appeal_forward(appeal=Appeal.objects.get(pk=appeal.pk), actor=second_clerk, maslikhat=there)
    thread.join(10)
    assert not errors
    assert refused.value.error_list[0].code == "invalid_transition"
    assert Appeal.objects.filter(maslikhat=there).count() == 1
    assert Appeal.objects.get(pk=appeal.pk).status == Appeal.Status.FORWARDED
