import pytest
from django.urls import reverse

from kenes.outreach.demo import load_demo
from kenes.outreach.models import VoterMandate, VoterMeeting

pytestmark = pytest.mark.django_db


def test_demo_loads_once_and_shows(reference, client):
    counts = load_demo()
    assert counts["meetings"] >= 6 and counts["mandates"] == 6
    assert load_demo() == {"meetings": 0, "mandates": 0}
    assert not VoterMeeting.objects.filter(is_demo=False).exists()
    assert not VoterMandate.objects.filter(is_demo=False).exists()
    statuses = set(VoterMandate.objects.values_list("status", flat=True))
    assert {
        "executed",
        "partially_executed",
        "in_progress",
        "accepted_for_execution",
        "received",
        "rejected",
    } <= statuses
    assert VoterMeeting.objects.filter(kind="off_site_session", maslikhat__region__kato="150000000").exists()
    body = client.get(reverse("outreach:meeting-calendar")).content.decode()
    assert "Demo data." in body and "Reception hours" in body
    body = client.get(reverse("outreach:mandate-progress")).content.decode()
    assert "Demo data." in body
