"""Intake on PostgreSQL in two round trips: one read (idempotency replay, ban list, near-duplicate
candidates) and one write (the appeal, its applicant, the timeline, the shingle bands and — with
the database task queue — the confirmation task, in one statement, so all or none are stored).

The rules are those of intake.py; only the way the rows travel differs. Column lists and values
come from the models' own fields (field.pre_save / get_db_prep_save), so a new column with a
default is written without touching this file. Anything else (SQLite, attachments) takes the
ORM path in intake.py.

SQL text here is built only from the models' table and column names and placeholders; every value
travels as a query parameter.
"""

# ruff: noqa: S608

from __future__ import annotations

import datetime
from functools import cache
from typing import Any

from django.db import connections, models

from kenes.appeals.models import Appeal, AppealApplicant, AppealEvent, AppealShingleBand, BanEntry


def usable(alias: str) -> bool:
    return connections[alias].vendor == "postgresql"


class RowWriter:
    """One model's INSERT: the column list once, the values per row from the model's fields."""

    def __init__(self, model: type[models.Model], *, skip: tuple[str, ...] = ()) -> None:
        self.model = model
        self.fields = [
            f
            for f in model._meta.local_concrete_fields
            if f.name not in skip and not (f.primary_key and isinstance(f, models.AutoField))
        ]
        self.table = model._meta.db_table

    def columns(self) -> str:
        return ", ".join(f'"{f.column}"' for f in self.fields)

    def casts(self, connection) -> list[str]:
        """%s with a cast per column for INSERT … SELECT. Character columns are cast to text, not
        varchar(n): an explicit cast to varchar(n) would cut an over-long value silently, while
        storing text in the column refuses it, as the ORM's insert does."""
        out = []
        for f in self.fields:
            db_type = f.cast_db_type(connection)
            out.append("%s::text" if db_type.startswith(("varchar", "char")) else f"%s::{db_type}")
        return out

    def values(self, obj: models.Model, connection) -> list[Any]:
        return [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in self.fields]


@cache
def _writers() -> tuple[RowWriter, RowWriter]:
    return RowWriter(Appeal), RowWriter(AppealApplicant, skip=("appeal",))


@cache
def _task_writer() -> RowWriter:
    from django_tasks_db.models import DBTaskResult

    return RowWriter(DBTaskResult)


def precheck(
    *,
    alias: str,
    key: str | None,
    ban_pairs: list[tuple[str, str]],
    now: datetime.datetime,
    maslikhat_id: int,
    band_hashes: list[int],
    since: datetime.datetime,
    sender_hash: str,
) -> tuple[tuple[int, str] | None, bool, list[tuple[int, str, str]]]:
    """(replayed (id, request hash) or None, banned?, near-duplicate candidates (id, text, code),
    newest first) in one query."""
    parts, params = [], []
    if key:
        parts.append(
            f'SELECT 1 AS part, a."id", a."request_hash", NULL::text, NULL::timestamptz '
            f'FROM "{Appeal._meta.db_table}" a WHERE a."idempotency_key" = %s'
        )
        params.append(key)
    if ban_pairs:
        cond = " OR ".join('(b."kind" = %s AND b."value" = %s)' for _ in ban_pairs)
        parts.append(
            "SELECT 2, NULL::bigint, NULL::text, NULL::text, NULL::timestamptz FROM "
            f'(SELECT 1 FROM "{BanEntry._meta.db_table}" b WHERE ({cond}) '
            'AND (b."expires_at" IS NULL OR b."expires_at" > %s) LIMIT 1) x'
        )
        for kind, value in ban_pairs:
            params += [kind, value]
        params.append(now)
    if band_hashes:
        parts.append(
            f'SELECT 3, a."id", a."text", a."tracking_code", a."submitted_at" FROM "{Appeal._meta.db_table}" a '
            f'LEFT JOIN "{AppealApplicant._meta.db_table}" p ON p."appeal_id" = a."id" '
            f'WHERE a."id" IN (SELECT DISTINCT s."appeal_id" FROM "{AppealShingleBand._meta.db_table}" s WHERE '
            's."maslikhat_id" = %s AND s."band" = ANY(%s::bigint[]) AND s."created_at" >= %s LIMIT 50) '
            'AND p."sender_hash" IS DISTINCT FROM %s'
        )
        params += [maslikhat_id, band_hashes, since, sender_hash]
    if not parts:
        return None, False, []
    sql = " UNION ALL ".join(f"({p})" for p in parts)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    replay, banned, candidates = None, False, []
    for part, pk, text, code, submitted_at in rows:
        if part == 1:
            replay = (pk, text)
        elif part == 2:
            banned = True
        else:
            candidates.append((submitted_at, pk, text, code))
    candidates.sort(key=lambda c: (c[0], c[1]), reverse=True)  # the ORM path's order: newest first
    return replay, banned, [(pk, text, code) for _at, pk, text, code in candidates]


@cache
def _write_sql(alias: str, n_events: int, with_bands: bool, with_task: bool) -> str:
    """The write statement for one shape of appeal (built once per shape)."""
    connection = connections[alias]
    appeal_w, applicant_w = _writers()
    sql = [
        f'WITH a AS (INSERT INTO "{appeal_w.table}" ({appeal_w.columns()}) '
        f'VALUES ({", ".join(["%s"] * len(appeal_w.fields))}) RETURNING "id")',
        f', p AS (INSERT INTO "{applicant_w.table}" ("appeal_id", {applicant_w.columns()}) '
        f'SELECT a."id", {", ".join(applicant_w.casts(connection))} FROM a)',
    ]
    # One row per step, in order: the timeline sorts by (at, id) and both steps share `at`.
    steps = ", ".join("(%s::int, %s::varchar)" for _ in range(n_events))
    sql.append(
        f', e AS (INSERT INTO "{AppealEvent._meta.db_table}" ("appeal_id", "status", "at", "note") '
        f"SELECT a.\"id\", v.status, %s::timestamptz, '' FROM a, (VALUES {steps}) v(n, status) ORDER BY v.n)"
    )
    if with_bands:
        sql.append(
            f', b AS (INSERT INTO "{AppealShingleBand._meta.db_table}" ("appeal_id", "maslikhat_id", "band", '
            '"created_at") SELECT a."id", %s::bigint, u.band, %s::timestamptz FROM a, unnest(%s::bigint[]) u(band))'
        )
    if with_task:
        # The confirmation task's only argument is the appeal's id, known inside the statement.
        task_w = _task_writer()
        select = [
            """jsonb_build_object('args', jsonb_build_array(a."id"), 'kwargs', '{}'::jsonb)"""
            if f.name == "args_kwargs"
            else cast
            for f, cast in zip(task_w.fields, task_w.casts(connection), strict=True)
        ]
        sql.append(f', t AS (INSERT INTO "{task_w.table}" ({task_w.columns()}) SELECT {", ".join(select)} FROM a)')
    sql.append(' SELECT "id" FROM a')
    return "".join(sql)


def write(
    *,
    alias: str,
    appeal: Appeal,
    applicant: AppealApplicant,
    events: list[str],
    band_hashes: list[int],
    task_row: models.Model | None,
) -> int:
    """Insert everything in one statement; returns the appeal's id and sets it on `appeal`."""
    connection = connections[alias]
    appeal_w, applicant_w = _writers()
    at = appeal.submitted_at
    params: list[Any] = appeal_w.values(appeal, connection)
    params += applicant_w.values(applicant, connection)
    params.append(at)
    for n, status in enumerate(events):
        params += [n, status]
    if band_hashes:
        params += [appeal.maslikhat_id, at, band_hashes]
    if task_row is not None:
        task_w = _task_writer()
        params += [
            v
            for f, v in zip(task_w.fields, task_w.values(task_row, connection), strict=True)
            if f.name != "args_kwargs"
        ]
    sql = _write_sql(alias, len(events), bool(band_hashes), task_row is not None)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        pk = cursor.fetchone()[0]
    appeal.pk = pk
    appeal._state.adding = False
    appeal._state.db = alias
    applicant.appeal = appeal
    applicant._state.db = alias
    if task_row is not None:
        task_row.args_kwargs = {"args": [pk], "kwargs": {}}
        task_row._state.adding = False
        task_row._state.db = alias
    return pk
