"""Responsiveness index benchmark: a million appeals, the rebuild, and the dashboard's render time.

    .venv/bin/python bench/insights_bench.py [--appeals 1000000] [--requests 50] [--skip-setup]

What it does, in one run:
  1. creates a fresh PostgreSQL database `kenes_insights_bench` (dropping an old one), migrates and
     loads the reference data (20 regions with their regional maslikhats, the working-day calendar);
  2. adds, in the database with INSERT ... SELECT generate_series (never the ORM row by row):
     200 city and district maslikhats spread over the 20 regions, 3,400 deputies, N appeals
     (default 1,000,000) registered over the last 24 months, 30,000 voter mandates;
  3. runs the rebuild (kenes.insights.rebuild.figures_rebuild: set-based GROUP BY) and times it,
     twice (the second run shows the steady state);
  4. renders the dashboard /kk/insights/, a region's page and the CSV export with the public page
     cache OFF (every request renders), in-process with Django's test client on the same database,
     and prints p50 / p95 / max over --requests requests each (target: dashboard p50 ≤ 200 ms).

Needs PostgreSQL on 127.0.0.1:5432.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_MS = 200


def log(message: str) -> None:
    print(f"[insights-bench] {message}", flush=True)


def fresh_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _default_sql(field) -> str:
    """A value for a column the generator does not set: NULL where allowed, else an empty value."""
    from django.db import models

    if field.null:
        return "NULL"
    if isinstance(field, models.JSONField):
        return "'{}'::jsonb"
    if isinstance(field, models.BooleanField):
        return "false"
    if isinstance(field, models.DateTimeField):
        return "now()"
    if isinstance(field, models.DateField):
        return "current_date"
    if isinstance(field, (models.IntegerField, models.DecimalField, models.FloatField)):
        return "0"
    return "''"


def insert_select(model, count: int, values: dict[str, str], *, series: str = "i") -> None:
    """INSERT INTO <model's table> SELECT ... FROM generate_series(1, count) AS i, with the given
    SQL expressions per field and a neutral value for every other column."""
    from django.db import connection

    columns, exprs = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key and field.name not in values:
            continue
        columns.append(connection.ops.quote_name(field.column))
        exprs.append(values.get(field.name, _default_sql(field)))
    unknown = set(values) - {f.name for f in model._meta.concrete_fields}
    if unknown:
        raise SystemExit(f"{model.__name__} has no fields {unknown}")
    sql = (
        f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({', '.join(columns)}) "
        f"SELECT {', '.join(exprs)} FROM generate_series(1, {int(count)}) AS {series}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)


def generate(appeals: int) -> None:
    from django.db import connection

    from kenes.appeals.models import Appeal
    from kenes.outreach.models import VoterMandate
    from kenes.registry.models import Maslikhat, Person, Region

    regions = list(Region.objects.filter(valid_to__isnull=True).values_list("id", flat=True))
    region_array = "ARRAY[" + ",".join(str(r) for r in regions) + "]"
    log(f"{len(regions)} regions valid today")
    started = time.perf_counter()
    insert_select(
        Maslikhat,
        200,
        {
            "level": "CASE WHEN i % 8 = 0 THEN 'city' ELSE 'district' END",
            "name": "jsonb_build_object('kk', 'Аудан ' || i, 'ru', 'Район ' || i, 'en', 'District ' || i)",
            "region": f"({region_array})[1 + i % {len(regions)}]",
            "convocation": "8",
            "created_at": "now()",
            "updated_at": "now()",
        },
    )
    insert_select(
        Person,
        3400,
        {
            "name": "jsonb_build_object('kk', 'Депутат ' || i, 'ru', 'Депутат ' || i, 'en', 'Deputy ' || i)",
            "sort_name": "'Deputy ' || lpad(i::text, 5, '0')",
            "created_at": "now()",
            "updated_at": "now()",
        },
    )
    maslikhats = list(Maslikhat.objects.order_by("id").values_list("id", flat=True))
    deputies = list(Person.objects.order_by("id").values_list("id", flat=True))
    m_array = "ARRAY[" + ",".join(map(str, maslikhats)) + "]"
    with connection.cursor() as cursor:
        # Each deputy sits in one maslikhat; appeals to a deputy go to that maslikhat.
        cursor.execute("CREATE TEMP TABLE bench_seat (n int PRIMARY KEY, person_id bigint, maslikhat_id bigint)")
        cursor.execute(
            f"INSERT INTO bench_seat SELECT row_number() OVER (ORDER BY p) - 1, p, "
            f"({m_array})[1 + (row_number() OVER (ORDER BY p) - 1) % {len(maslikhats)}] "
            f"FROM unnest(ARRAY[{','.join(map(str, deputies))}]::bigint[]) AS p"
        )
    log(f"{len(maslikhats)} maslikhats, {len(deputies)} deputies in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    seats = len(deputies)
    # One row of random draws per appeal, then the appeal's columns from them.
    with connection.cursor() as cursor:
        cursor.execute(
            f"""CREATE TEMP TABLE bench_draw AS
            SELECT i, (random() * {seats - 1})::int AS seat, (random() * 729)::int AS age,
                   random() AS r_answer, random() AS r_late, random() AS r_ext, random() AS r_rate,
                   (1 + random() * 20)::int AS delay
            FROM generate_series(1, {int(appeals)}) AS i"""
        )
    reg = "(current_date - d.age)"
    values = {
        "tracking_code": "'B' || lpad(d.i::text, 11, '0')",
        "maslikhat": "s.maslikhat_id",
        "deputy": "CASE WHEN d.r_rate < 0.6 THEN s.person_id END",
        "kind": "'request'",
        "topic": "'Fictional benchmark appeal'",
        "text": "'Fictional benchmark text.'",
        "language": "CASE WHEN d.i % 3 = 0 THEN 'ru' ELSE 'kk' END",
        "status": f"CASE WHEN d.r_answer < 0.9 AND {reg} + d.delay <= current_date THEN 'answered' "
        "ELSE 'in_progress' END",
        "submitted_at": f"({reg})::timestamptz",
        "registered_on": reg,
        "due_date": f"{reg} + 21",
        "extended_until": f"CASE WHEN d.r_ext < 0.1 THEN {reg} + 60 END",
        "answered_on": f"CASE WHEN d.r_answer < 0.9 AND {reg} + d.delay <= current_date "
        f"THEN {reg} + d.delay + CASE WHEN d.r_late < 0.15 THEN 20 ELSE 0 END END",
        "outcome": f"CASE WHEN d.r_answer < 0.9 AND {reg} + d.delay <= current_date THEN 'explained' END",
        "rating_substance": f"CASE WHEN d.r_answer < 0.9 AND {reg} + d.delay <= current_date AND d.r_rate < 0.4 "
        "THEN d.r_rate < 0.3 END",
        "rating_score": f"CASE WHEN d.r_answer < 0.9 AND {reg} + d.delay <= current_date AND d.r_rate < 0.4 "
        "THEN 1 + (d.r_rate * 10)::int END",
    }
    columns, exprs = [], []
    for field in Appeal._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(connection.ops.quote_name(field.column))
        exprs.append(values.get(field.name, _default_sql(field)))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Appeal._meta.db_table} ({', '.join(columns)}) SELECT {', '.join(exprs)} "
            "FROM bench_draw d JOIN bench_seat s ON s.n = d.seat"
        )
        cursor.execute(f"ANALYZE {Appeal._meta.db_table}")
    log(f"{appeals:,} appeals in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_mandate AS SELECT i, (random() * 3399)::int AS seat, "
            "(random() * 729)::int AS age, random() AS r FROM generate_series(1, 30000) AS i"
        )
    mandate_values = {
        "maslikhat": "s.maslikhat_id",
        "deputy": "s.person_id",
        "source": "'meeting'",
        "received_on": "current_date - d.age",
        "title": "jsonb_build_object('kk', 'Наказ ' || d.i, 'ru', 'Наказ ' || d.i, 'en', 'Mandate ' || d.i)",
        "status": "CASE WHEN d.r < 0.45 THEN 'executed' WHEN d.r < 0.8 THEN 'in_progress' ELSE 'received' END",
        "created_at": "now()",
        "updated_at": "now()",
    }
    columns, exprs = [], []
    for field in VoterMandate._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(connection.ops.quote_name(field.column))
        exprs.append(mandate_values.get(field.name, _default_sql(field)))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {VoterMandate._meta.db_table} ({', '.join(columns)}) SELECT {', '.join(exprs)} "
            "FROM bench_mandate d JOIN bench_seat s ON s.n = d.seat"
        )
    log(f"30,000 voter mandates in {time.perf_counter() - started:.1f} s")


def timed(client, path: str, requests: int) -> dict:
    for _ in range(3):  # warm up: imports, template loading, connection
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    times.sort()
    return {
        "path": path,
        "p50": statistics.median(times),
        "p95": times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)],
        "max": times[-1],
        "bytes": len(response.content),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--appeals", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--database", default="kenes_insights_bench")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server URL")
    parser.add_argument("--skip-setup", action="store_true", help="reuse the database of a previous run")
    args = parser.parse_args()

    os.environ.update(
        {
            "DATABASE_URL": f"{args.pg}/{args.database}",
            "DEBUG": "0",
            "SECRET_KEY": "kenes-benchmark-secret-key-not-for-production-0123456789",
            "KENES_INSECURE_DEV_KEY": "0",
            "CACHE_URL": "locmem",
            "KENES_PUBLIC_CACHE": "0",
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "LOG_LEVEL": "ERROR",
        }
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kenes.settings")
    if not args.skip_setup:
        log(f"fresh database {args.database}")
        fresh_database(f"{args.pg}/postgres", args.database)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings

    if not args.skip_setup:
        call_command("migrate", "--noinput", verbosity=0)
        call_command("load_reference", verbosity=0)
        generate(args.appeals)

    from kenes.appeals.models import Appeal
    from kenes.insights.models import MonthlyFigures
    from kenes.insights.rebuild import figures_rebuild
    from kenes.registry.models import Region

    total = Appeal.objects.count()
    rebuilds = []
    for _ in range(2):
        started = time.perf_counter()
        rows = figures_rebuild()
        rebuilds.append(time.perf_counter() - started)
    log(f"rebuild of {total:,} appeals: {rows:,} rows, {rebuilds[0]:.1f} s (then {rebuilds[1]:.1f} s)")
    maslikhat_rows = MonthlyFigures.objects.filter(deputy__isnull=True).count()

    region = Region.objects.filter(valid_to__isnull=True).order_by("kato").first()
    results = []
    with override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        KENES_PUBLIC_CACHE=False,
    ):
        client = Client()
        for path in ("/kk/insights/", f"/kk/insights/regions/{region.kato}/", "/kk/insights/export.csv"):
            results.append(timed(client, path, args.requests))
    connection.close()

    print()
    print(
        f"Responsiveness index benchmark: {total:,} appeals, {maslikhat_rows:,} maslikhat-month rows "
        f"({rows:,} rows with deputies); PostgreSQL; page cache off; Django test client, in-process, "
        f"{args.requests} requests per page; {os.cpu_count()} cores."
    )
    print()
    print(f"Rebuild (figures_rebuild, all months): {rebuilds[0]:.1f} s first, {rebuilds[1]:.1f} s second")
    print()
    print("| page | p50 ms | p95 ms | max ms | bytes |")
    print("|---|---:|---:|---:|---:|")
    for r in results:
        print(f"| `{r['path']}` | {r['p50']:.1f} | {r['p95']:.1f} | {r['max']:.1f} | {r['bytes']:,} |")
    dashboard = results[0]
    met = dashboard["p50"] <= TARGET_MS and dashboard["p95"] <= TARGET_MS
    print(f"\nTarget (dashboard ≤ {TARGET_MS} ms, p50 and p95): {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
