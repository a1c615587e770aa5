import pytest
from django.core.management import call_command

from kenes.portal.management.commands.enqueue_daily_tasks import DAILY

pytestmark = pytest.mark.django_db


def test_daily_tasks_run_end_to_end(reference, capsys):
    """With the immediate backend every queued task runs at once: the whole daily round works on
    the reference data, and each capability's task is in it."""
    call_command("enqueue_daily_tasks")
    out = capsys.readouterr().out
    for daily in DAILY:
        assert f"queued {daily.name}" in out
    assert {d.module_path.split(".")[1] for d in DAILY} >= {"appeals", "channel", "plans", "outreach", "insights"}
