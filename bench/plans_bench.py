"""Work plan benchmark: a plan of 200 items × 20 regions with 4,000 reports, served as in production.

    .venv/bin/python bench/plans_bench.py [--duration 10] [--connections 32] [--threads 2] [--skip-setup]

What it does, in one run (the same server setup as bench/run_bench.py, whose helpers it reuses):
  1. creates a fresh PostgreSQL database `kenes_plans_bench` (dropping an old one), migrates, loads
     the reference data (20 regions with their regional maslikhats), collects static files;
  2. adds a plan of 200 items, each assigned to the 20 regional maslikhats (4,000 assignments), and
     4,000 reports (one per item and maslikhat: 60 % accepted, 25 % waiting for review, 15 %
     returned), a third of the items past their deadline; and a secretariat user with a signed-in
     session whose cookie the script sends to the staff pages;
  3. starts gunicorn (DEBUG off, Redis cache, 2 x cores + 1 sync workers) and loads, one after
     another with wrk: the bare view /healthz, the public plan page /kk/plans/<id>/ (anonymous: the
     public page cache applies), the secretariat's matrix /kk/staff/plans/<id>/matrix/ (signed in:
     the page renders for each request; the items × regions table is cached until the next audited
     change), and the bare view again; prints req/s, p50, p95 and each page's share of the bare
     view's throughput (the mean of its two runs; target: at least 20 %);
  4. measures again with the public page cache off (KENES_PUBLIC_CACHE=0): the public plan page then
     renders for every request;
  5. prints the cold render time of both pages (first request after a change, in-process).

wrk runs on the same machine as the server; compare ratios, not absolute figures, between machines.
Needs wrk, PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run_bench import LUA, ROOT, Result, Server, fresh_database, log, manage  # noqa: E402

TARGET_RATIO = 0.20

SETUP = r"""
import datetime, json, random
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from django.utils import timezone
from kenes.councils.models import Council
from kenes.plans import services
from kenes.plans.models import PlanItem, PlanItemAssignee, PlanReport
from kenes.registry.models import Maslikhat, Region

random.seed(7)
User = get_user_model()
clerk = User.objects.create(username="bench-clerk", role="secretariat", email="clerk@bench.local")
today = timezone.localdate()
plan = services.plan_create(
    council=Council.objects.order_by("id").first(), actor=clerk,
    data={"title": {"kk": "Бенчмарк жоспары", "ru": "План для бенчмарка", "en": "Benchmark plan"},
          "period_start": today - datetime.timedelta(days=365), "period_end": today + datetime.timedelta(days=365)},
)
maslikhats = list(Maslikhat.objects.filter(level="regional", region__in=Region.objects.filter(Region.q_valid_on(today))).order_by("region__kato"))
assert len(maslikhats) == 20, len(maslikhats)
items = PlanItem.objects.bulk_create([
    PlanItem(plan=plan, number=n, title={"kk": f"Тармақ {n}", "ru": f"Пункт {n}", "en": f"Item {n}"},
             description={"kk": "", "ru": "", "en": ""}, expected_result={"kk": "Нәтиже", "ru": "Результат", "en": "Result"},
             deadline=today + datetime.timedelta(days=(n % 3 - 1) * 60 + n % 17), status="in_progress", progress=n % 100)
    for n in range(1, 201)
])
PlanItemAssignee.objects.bulk_create([PlanItemAssignee(item=i, maslikhat=m, role="executor") for i in items for m in maslikhats])
now = timezone.now()
reports = []
for i in items:
    for m in maslikhats:
        r = random.random()
        status = "accepted" if r < 0.6 else ("submitted" if r < 0.85 else "returned")
        reports.append(PlanReport(item=i, maslikhat=m, text="Bench report", submitted_by=None,
                                  submitted_at=now - datetime.timedelta(days=random.randint(1, 300)), status=status,
                                  reviewed_at=None if status == "submitted" else now))
PlanReport.objects.bulk_create(reports)
session = SessionStore()
session[SESSION_KEY] = str(clerk.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = clerk.get_session_auth_hash()
session.set_expiry(7 * 24 * 3600)
session.save()
print("BENCH " + json.dumps({"plan": plan.pk, "session": session.session_key,
                             "items": len(items), "reports": PlanReport.objects.count()}))
"""


def csrf_cookie(url: str, headers: dict[str, str]) -> str:
    """The CSRF cookie a browser holds after its first page (the staff pages carry forms)."""
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - a local URL
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
        for value in response.headers.get_all("Set-Cookie") or []:
            if value.startswith("csrftoken="):
                return value.split(";", 1)[0].split("=", 1)[1]
    raise SystemExit("no CSRF cookie from " + url)


def fetch(url: str, headers: dict[str, str]) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - a local URL
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def drain(server: Server) -> None:
    """Wait until requests queued by the previous wrk run are served, so runs do not overlap."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            fetch(server.url("/healthz"), {})
        except OSError:
            continue
        if time.monotonic() - started < 0.05:
            return
        time.sleep(0.5)


def wrk(server: Server, name: str, path: str, headers: dict[str, str], cache: bool, args, lua: str) -> Result:
    url = server.url(path)
    drain(server)
    for _ in range(10):
        fetch(url, headers)
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--timeout", "10s"]
    headers = {"Accept-Encoding": "gzip, deflate", **headers}  # like a browser
    for key, value in headers.items():
        command += ["-H", f"{key}: {value}"]
    command += ["--latency", "-s", lua, url]
    out = subprocess.run(command, check=True, text=True, capture_output=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    stats = dict(re.findall(r"(\w+)=(\d+)", out.split("KENES", 1)[1]))
    return Result(
        name=name,
        path=path,
        cache=cache,
        rps=rps,
        p50_ms=int(stats["p50_us"]) / 1000,
        p95_ms=int(stats["p95_us"]) / 1000,
        p99_ms=int(stats["p99_us"]) / 1000,
        requests=int(stats["requests"]),
        non2xx=int(stats["non2xx"]),
        errors=int(stats["errors"]),
    )


def measure(server: Server, pages: list[tuple[str, str, dict]], cache: bool, args, lua: str) -> list[Result]:
    server.start()
    try:
        for _name, path, headers in pages:
            if "Cookie" in headers and "csrftoken=" not in headers["Cookie"]:
                headers["Cookie"] += "; csrftoken=" + csrf_cookie(server.url(path), headers)
            status, body = fetch(server.url(path), headers)
            if status != 200:
                raise SystemExit(f"{path} answered {status}, not 200: nothing to measure")
        results = []
        for name, path, headers in pages:
            log(f"wrk {path} ({'cache on' if cache else 'cache off'}, {args.duration} s)")
            results.append(wrk(server, name, path, headers, cache, args, lua))
    finally:
        server.stop()
    bare = (results[0].rps + results[-1].rps) / 2
    for r in results[1:-1]:
        r.ratio = r.rps / bare if bare else None
    return results


def table(title: str, results: list[Result]) -> str:
    lines = [
        title,
        "",
        "| page | path | req/s | p50 ms | p95 ms | ratio to bare | ≥ 20 % | non-2xx |",
        "|---|---|---:|---:|---:|---:|:-:|---:|",
    ]
    for r in results:
        ratio = "—" if r.ratio is None else f"{r.ratio:.0%}"
        verdict = "" if r.ratio is None else ("yes" if r.ratio >= TARGET_RATIO else "NO")
        lines.append(
            f"| {r.name} | `{r.path}` | {r.rps:,.0f} | {r.p50_ms:.1f} | {r.p95_ms:.1f} | {ratio} | {verdict} "
            f"| {r.non2xx + r.errors} |"
        )
    return "\n".join(lines)


COLD = r"""
import time
from django.core.cache import cache
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.db import connection
from kenes.core import cache as public_cache
plan, session = {plan}, "{session}"
client = Client()
client.cookies["sessionid"] = session
out = []
for name, path, cookie in (("public plan page", f"/kk/plans/{{plan}}/", False), ("matrix", f"/kk/staff/plans/{{plan}}/matrix/", True)):
    c = client if cookie else Client()
    times = []
    for _ in range(3):
        public_cache.bump()
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = c.get(path, HTTP_HOST="127.0.0.1")
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    out.append(f"{{name}}: cold render {{min(times):.0f}} ms (best of 3), {{len(queries)}} SQL queries, {{len(response.content) // 1024}} KiB")
print("COLD " + " | ".join(out))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--database", default="kenes_plans_bench")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/4")
    parser.add_argument("--skip-setup", action="store_true", help="reuse the database of a previous run")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed. Install it with:  sudo apt-get install -y wrk", file=sys.stderr)
        return 2

    env = {
        **os.environ,
        "DATABASE_URL": f"{args.pg}/{args.database}",
        "DEBUG": "0",
        "SECRET_KEY": "kenes-benchmark-secret-key-not-for-production-0123456789",
        "KENES_INSECURE_DEV_KEY": "0",
        "CACHE_URL": args.redis,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "KENES_PUBLIC_CACHE": "1",
        "DB_CONN_MAX_AGE": "600",
        "LOG_LEVEL": "ERROR",
    }
    state_file = ROOT / "bench" / "out" / "plans_bench_state.json"
    if args.skip_setup and state_file.exists():
        state = json.loads(state_file.read_text())
    else:
        log(f"fresh database {args.database}")
        fresh_database(f"{args.pg}/postgres", args.database)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "createcachetable")
        manage(env, "load_reference")
        manage(env, "collectstatic", "--noinput", "-v0")
        log("plan of 200 items × 20 regions with 4,000 reports")
        started = time.monotonic()
        out = manage(env, "shell", "-c", SETUP, capture=True)
        state = json.loads(out.split("BENCH ", 1)[1].splitlines()[0])
        log(f"built in {time.monotonic() - started:.1f} s: {state}")
        state_file.parent.mkdir(exist_ok=True)
        state_file.write_text(json.dumps(state))
    manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")
    plan, session = state["plan"], state["session"]
    cookie = {"Cookie": f"sessionid={session}"}
    pages = [
        ("bare view", "/healthz", {}),
        ("public plan page", f"/kk/plans/{plan}/", {}),
        ("secretariat matrix", f"/kk/staff/plans/{plan}/matrix/", cookie),
        ("bare view (again)", "/healthz", {}),
    ]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(LUA)
        lua = handle.name

    log(f"gunicorn: {args.workers} sync workers; wrk -t{args.threads} -c{args.connections}")
    cached = measure(Server({**env}, args.port, args.workers), pages, True, args, lua)
    pages = [(name, path, {k: v.split("; csrftoken=")[0] for k, v in headers.items()}) for name, path, headers in pages]
    uncached = measure(Server({**env, "KENES_PUBLIC_CACHE": "0"}, args.port, args.workers), pages, False, args, lua)
    cold = manage(env, "shell", "-c", COLD.format(plan=plan, session=session), capture=True)
    cold_line = cold.split("COLD ", 1)[1].strip() if "COLD " in cold else "(not measured)"

    when = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    header = (
        f"Kenes plans benchmark, {when}; {platform.node()} ({os.cpu_count()} cores); plan {plan}: "
        f"{state['items']} items × 20 regions, {state['reports']} reports; gunicorn {args.workers} sync workers, "
        f"DEBUG off, PostgreSQL, Redis; wrk -t{args.threads} -c{args.connections} -d{args.duration}s on the same machine."
    )
    print()
    print(header)
    print()
    print(table("With the public page cache (production setting):", cached))
    print()
    print(table("With the public page cache off (KENES_PUBLIC_CACHE=0):", uncached))
    print()
    print("Cold renders (after a change):", cold_line)
    (ROOT / "bench" / "out" / "plans_latest.json").write_text(
        json.dumps(
            {
                "header": header,
                "cached": [asdict(r) for r in cached],
                "uncached": [asdict(r) for r in uncached],
                "cold": cold_line,
            },
            indent=2,
        )
    )
    failed = [r for r in cached if r.ratio is not None and r.ratio < TARGET_RATIO]
    bad = [r for r in cached + uncached if r.non2xx or r.errors]
    if bad:
        print(f"\nWARNING: non-2xx answers or socket errors on: {', '.join(r.path for r in bad)}")
    print(
        "\nTarget (each page ≥ 20 % of the bare view, cache on): "
        + ("met" if not failed else "NOT met for " + ", ".join(r.path for r in failed))
    )
    return 1 if failed or bad else 0


if __name__ == "__main__":
    sys.exit(main())
