"""Intake, one path on PostgreSQL and SQLite: every row of an appeal and its confirmation task in
one transaction, a constant number of queries, no half-stored appeal."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kenes.appeals import dedup, services
from kenes.appeals.models import Appeal, AppealApplicant, AppealEvent, AppealShingleBand, BanEntry
from kenes.appeals.services import intake
from kenes.appeals.services._common import secret_hash
from tests.appeals.conftest import TEXT, submit
from tests.factories import MaslikhatFactory

S = Appeal.Status
NOW = timezone.make_aware(datetime.datetime(2025, 2, 4, 10, 30))  # a Tuesday without holidays

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def db_tasks(settings):
    """The production task queue (rows in the database) instead of the tests' immediate one."""
    from django_tasks import task_backends

    settings.TASKS = DB_TASKS
    yield
    task_backends._settings = task_backends.settings = task_backends.configure_settings(None)


def stored(appeal: Appeal) -> dict:
    """Everything intake stored for an appeal, without ids and codes that differ by design."""
    a = Appeal.objects.get(pk=appeal.pk)
    skip = {"id", "tracking_code", "idempotency_key", "updated_at"}
    fields = {f.attname: getattr(a, f.attname) for f in Appeal._meta.concrete_fields if f.name not in skip}
    p = AppealApplicant.objects.get(appeal=a)
    return {
        "appeal": fields,
        "applicant": {f.attname: getattr(p, f.attname) for f in AppealApplicant._meta.concrete_fields if f.name != "id"}
        | {"appeal_id": None},
        "events": [(e.status, e.at, e.note) for e in a.events.all()],
        "bands": sorted(AppealShingleBand.objects.filter(appeal=a).values_list("band", "maslikhat_id", "created_at")),
    }


def test_one_transaction_stores_every_row_of_the_appeal(masl, db_tasks):
    with CaptureQueriesContext(connection) as queries:
        appeal = submit(masl, now=NOW, key="one-1", email="same@example.kz", ip="10.0.0.1")
    statements = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(statements) <= 12, "\n".join(s[:150] for s in statements)  # a constant number of queries
    rows = stored(appeal)
    assert rows["appeal"]["status"] == S.REGISTERED
    assert rows["appeal"]["due_date"] == datetime.date(2025, 2, 25)
    assert [e[0] for e in rows["events"]] == ["submitted", "registered"]
    assert len(rows["bands"]) == dedup.BANDS
    assert rows["applicant"]["sender_hash"] == secret_hash("same@example.kz")
    assert rows["applicant"]["ip_hash"] == secret_hash("10.0.0.1")
    # The same sender again: a near duplicate of one's own appeal is not held.
    again = submit(masl, now=NOW, key="one-2", email="same@example.kz", ip="10.0.0.1")
    assert stored(again) == rows
    # The returned object is the stored appeal, usable at once.
    assert appeal.pk and not appeal._state.adding and appeal.applicant.email == "same@example.kz"


def test_confirmation_task_row_is_written_with_the_appeal(masl, db_tasks):
    from django_tasks_db.models import DBTaskResult, get_date_max

    from kenes.appeals.tasks import appeal_received

    appeal = submit(masl, key="with-task")
    row = DBTaskResult.objects.get()
    assert row.args_kwargs == {"args": [appeal.pk], "kwargs": {}}
    assert row.task_path == "kenes.appeals.tasks.appeal_received"
    assert row.task.func is appeal_received.func
    assert (row.status, row.queue_name, row.backend_name, row.priority) == ("READY", "default", "default", 0)
    assert row.run_after == get_date_max() and row.worker_ids == [] and row.return_value is None
    assert DBTaskResult.objects.ready().filter(pk=row.pk).exists()
    # A replay writes no second task.
    submit(masl, key="with-task")
    assert DBTaskResult.objects.filter(args_kwargs__args=[appeal.pk]).count() == 1


def test_the_queued_confirmation_is_sent_by_the_worker(masl, db_tasks, mailoutbox):
    from django_tasks_db.models import DBTaskResult

    appeal = submit(masl, key="worker", email="worker@example.kz")
    row = DBTaskResult.objects.get()
    # What the worker does with a row: resolve its task and call it with the stored arguments.
    result = row.task.call(*row.task_result.args, **row.task_result.kwargs)
    assert result is True
    assert [m.to for m in mailoutbox] == [["worker@example.kz"]]
    assert appeal.tracking_code in mailoutbox[0].body


@pytest.mark.django_db(transaction=True)
def test_a_failure_in_the_middle_stores_nothing(db_tasks, monkeypatch):
    """In autocommit (a web request) the rows are written in one transaction: an error after the
    appeal's row leaves no appeal, applicant, event, band or task behind."""
    from django_tasks_db.models import DBTaskResult

    masl = MaslikhatFactory()
    assert not connection.in_atomic_block

    def broken(*args, **kwargs):
        raise RuntimeError("the queue is down")

    monkeypatch.setattr(intake, "enqueue", broken)
    with pytest.raises(RuntimeError):
        submit(masl, key="autocommit")
    assert not Appeal.objects.exists() and not AppealApplicant.objects.exists()
    assert not AppealEvent.objects.exists() and not AppealShingleBand.objects.exists()
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_failed_statement_stores_nothing(db_tasks, monkeypatch):
    """A tracking code that collides makes the whole statement fail: no orphan applicant, event,
    band or task; the next try with a new code stores the appeal once."""
    from django_tasks_db.models import DBTaskResult

    masl = MaslikhatFactory()
    first = submit(masl, key="first", email="a@example.kz")
    codes = iter([first.tracking_code, "ZZZZZZZZZZZZ"])
    monkeypatch.setattr(intake.codes, "new_code", lambda: next(codes))
    second = submit(masl, key="second", email="b@example.kz", text="Please repair the bridge over the river.")
    assert second.tracking_code == "ZZZZZZZZZZZZ"
    assert Appeal.objects.count() == 2
    assert AppealApplicant.objects.count() == 2
    assert AppealEvent.objects.count() == 4
    assert DBTaskResult.objects.count() == 2
    assert AppealShingleBand.objects.filter(appeal=second).count() == dedup.BANDS


def test_precheck_answers_replay_before_ban_and_finds_duplicates_newest_first(masl):
    first = submit(masl, key="k1", email="one@example.kz")
    BanEntry.objects.create(kind=BanEntry.Kind.EMAIL, value="one@example.kz")
    # A retry of an appeal made before the ban is still answered with that appeal.
    assert submit(masl, key="k1", email="one@example.kz").pk == first.pk
    with pytest.raises(services.Banned):
        submit(masl, key="k2", email="one@example.kz", text=TEXT + " More.")
    BanEntry.objects.all().update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    second = submit(masl, key="k3", email="one@example.kz", text=TEXT + " More.")  # same sender: not held
    assert second.status == S.REGISTERED
    copy = submit(masl, key="k4", email="two@example.kz", text=TEXT + " More.")
    assert copy.status == S.HELD and copy.duplicate_of_id == second.pk  # the newest near duplicate
    assert copy.hold_reason == "near_duplicate" and copy.due_date is None
    assert list(copy.events.values_list("status", flat=True)) == ["submitted", S.HELD]


def test_a_maslikhat_deleted_meanwhile_is_refused_clearly(masl):
    gone = MaslikhatFactory()
    assert intake.maslikhat_for_intake(gone.pk) == gone
    gone_pk = gone.pk
    gone.delete()
    assert intake.maslikhat_for_intake(gone_pk) is None  # read afresh: no per-process memory
    gone.pk = gone_pk  # a form that loaded the maslikhat before it was deleted
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's transaction never commits
    with pytest.raises(ValidationError) as error:
        submit(gone, key="gone")
    assert "no longer exists" in str(error.value)


def test_over_long_values_are_refused(masl):
    with pytest.raises(ValidationError):
        submit(masl, key="long", name="N" * 201)
    assert not AppealApplicant.objects.filter(name__startswith="NNN").exists()


# The bands of TEXT as released: stored bands of recent appeals are compared with new ones, so a
# change of seeds, shingling or hashing must fail here rather than silently stop matching.
RELEASED_BANDS = [
    -5598234287682007386, 2286130485404498695, -6684016986579515492, -8584276760257024813,
    -2460988822398661225, 5355445734267721618, -8756841478210383242, 6826757736529919972,
    834471407387999391, -9078613648544466081, -3900281055921778594, -517880939596975273,
    1730466780775526600, 8779264737331064551, -9197311170127739233, 5810788333228878266,
]  # fmt: skip


def test_bands_are_the_same_as_before():
    """The MinHash bands must not change between releases."""
    assert dedup.bands(dedup.shingles(TEXT)) == RELEASED_BANDS
