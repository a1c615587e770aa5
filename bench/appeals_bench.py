"""Appeal intake throughput over HTTP: POST /api/v1/appeals against gunicorn + PostgreSQL.

    .venv/bin/python bench/appeals_bench.py [--duration 10] [--connections 16] [--threads 2]
        [--worker-class gthread|sync] [--worker-threads 4] [--keep-alive 5]
        [--pg postgres://postgres@127.0.0.1:5441 --pg-data /var/lib/postgresql/15/<own cluster>]

What it does:
  1. creates a fresh PostgreSQL database `kenes_appeals_bench`, migrates, loads the reference data
     (20 regions and their maslikhats);
  2. starts gunicorn as in production (DEBUG off, Redis cache, persistent database connections
     DB_CONN_MAX_AGE=600 with health checks) with the rate limits off (KENES_APPEAL_RATE_LIMITS=0) —
     every request comes from 127.0.0.1. Workers: by default `gthread`, one process per core with 4
     threads each and HTTP keep-alive 5 s (`gunicorn kenes.wsgi --worker-class gthread --workers
     <cores> --threads 4 --keep-alive 5`): a client or proxy that keeps its connection open does not
     pay a TCP connect and a new worker hand-off per appeal. `--worker-class sync` measures the
     classic 2 x cores + 1 sync workers, which close the connection after every answer;
  3. drives it with wrk: each request is a new appeal (its own Idempotency-Key, its own text, spread
     over the 20 regional maslikhats), so every answer is a real intake: validation, idempotency,
     ban list and near-duplicate check, then the appeal, its applicant, timeline, shingle bands and
     the confirmation task row in one transaction (the one intake path, as on SQLite);
  4. prints accepted appeals/s (answers 201), latency, and checks the database holds exactly as many
     appeals as were accepted. Target: at least 300 accepted appeals/s on a 2-core machine. It also
     prints the CPU time per accepted appeal (gunicorn's process tree + PostgreSQL's, from /proc)
     and the capacity it implies — a figure that other load on a shared machine hardly distorts,
     where accepted/s does. Point --pg/--pg-data at a cluster of its own for PostgreSQL's share.

wrk runs on the same machine and shares its cores. Needs wrk, PostgreSQL on 127.0.0.1:5432 and Redis
on 127.0.0.1:6379.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run_bench import ROOT, Server, fresh_database, get, log, manage  # noqa: E402

TARGET = 300

LUA = r"""
local counter = 0
local threads = {}
local ids = {%(ids)s}
local words = {"жол", "су", "жарық", "мектеп", "автобус", "дорога", "свет", "вода", "школа", "парк",
               "крыша", "тротуар", "мусор", "отопление", "алаң", "бағыт", "аула", "больница", "двор", "мост"}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + tid)
end

request = function()
  counter = counter + 1
  local key = string.format("bench-%%d-%%d-%%d", tid, counter, math.random(1, 2000000000))
  local m = ids[(counter %% #ids) + 1]
  local text = {}
  for i = 1, 40 do
    text[i] = words[math.random(1, #words)] .. tostring(math.random(1, 100000))
  end
  local body = string.format(
    '{"maslikhat_id": %%d, "kind": "statement", "topic": "Bench %%s", "text": "%%s", "language": "ru", ' ..
    '"applicant": {"name": "Bench Applicant", "email": "%%s@example.invalid"}}',
    m, key, table.concat(text, " "), key)
  return wrk.format("POST", "/api/v1/appeals", {["Content-Type"] = "application/json", ["Idempotency-Key"] = key}, body)
end

done = function(summary, latency, requests)
  io.write(string.format("KENES p50_us=%%d p95_us=%%d p99_us=%%d requests=%%d non2xx=%%d errors=%%d\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99), summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout))
end
"""


class IntakeServer(Server):
    """gunicorn as run_bench.Server starts it, with a choice of worker class: `sync` (one request
    per worker at a time, the connection closed after each answer) or `gthread` (threads per
    worker, HTTP keep-alive, so a client that sends many appeals reuses its connection)."""

    def __init__(self, env, port, workers, worker_class="sync", threads=1, keep_alive=2) -> None:
        super().__init__(env, port, workers)
        self.worker_class, self.threads, self.keep_alive = worker_class, threads, keep_alive

    def start(self) -> None:
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        self.process = subprocess.Popen(
            [
                gunicorn, "kenes.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
                "--workers", str(self.workers), "--worker-class", self.worker_class,
                "--threads", str(self.threads), "--keep-alive", str(self.keep_alive),
                "--backlog", "2048", "--log-level", "warning",
            ],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {self.log.name}")
            try:
                if get(self.url("/healthz"))[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit(f"gunicorn did not answer /healthz within 60 s; see {self.log.name}")


def _tree(pid: int) -> list[int]:
    """pid and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, stack = [], [pid]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(children.get(current, []))
    return out


def cpu_seconds(root: int | None) -> float:
    """CPU time (user + system) used so far by a process tree, from /proc (Linux)."""
    if root is None:
        return 0.0
    total = 0
    for pid in _tree(root):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def postmaster(data_dir: str) -> int | None:
    try:
        return int(Path(data_dir, "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=None, help="default: 2 x cores + 1 (sync), cores (gthread)")
    parser.add_argument(
        "--worker-class",
        choices=["sync", "gthread"],
        default="gthread",
        help="gthread (default): threads per worker and HTTP keep-alive; sync: one request at a time per worker",
    )
    parser.add_argument("--worker-threads", type=int, default=4, help="threads per gthread worker")
    parser.add_argument("--keep-alive", type=int, default=5, help="seconds an idle keep-alive connection stays open")
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--database", default="kenes_appeals_bench")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/4")
    parser.add_argument("--skip-setup", action="store_true")
    parser.add_argument(
        "--pg-data",
        default="/var/lib/postgresql/15/main",
        help="the cluster's data folder, to count PostgreSQL's CPU time (use a cluster of its own for that)",
    )
    args = parser.parse_args()
    if args.workers is None:
        cores = os.cpu_count() or 1
        args.workers = 2 * cores + 1 if args.worker_class == "sync" else cores
    if args.worker_class == "sync":
        args.worker_threads = 1
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install -y wrk", file=sys.stderr)
        return 2
    env = {
        **os.environ,
        "DATABASE_URL": f"{args.pg}/{args.database}",
        "DEBUG": "0",
        "SECRET_KEY": "kenes-benchmark-secret-key-not-for-production-0123456789",
        "KENES_INSECURE_DEV_KEY": "0",
        "CACHE_URL": args.redis,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DB_CONN_MAX_AGE": "600",
        "LOG_LEVEL": "ERROR",
        "KENES_APPEAL_RATE_LIMITS": "0",
    }
    if not args.skip_setup:
        log(f"fresh database {args.database}")
        fresh_database(f"{args.pg}/postgres", args.database)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "createcachetable")
        manage(env, "load_reference")
        manage(env, "collectstatic", "--noinput", "-v0")
    query = (
        "from kenes.registry.models import Maslikhat\n"
        "from kenes.appeals.models import Appeal\n"
        "print(','.join(str(p) for p in Maslikhat.objects.filter(level='regional').values_list('pk', flat=True)))\n"
        "print(Appeal.objects.count())"
    )
    out = manage(env, "shell", "-c", query, capture=True).split()
    ids, before = out[-2], int(out[-1])
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(LUA % {"ids": ids})
        lua = handle.name

    server = IntakeServer(env, args.port, args.workers, args.worker_class, args.worker_threads, args.keep_alive)
    server.start()
    try:
        log(f"wrk POST /api/v1/appeals, {args.duration} s, -t{args.threads} -c{args.connections}")
        command = [
            "wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--timeout", "10s",
            "--latency", "-s", lua, server.url("/api/v1/appeals"),
        ]  # fmt: skip
        pg_root = postmaster(args.pg_data)
        app_before, db_before = cpu_seconds(server.process.pid), cpu_seconds(pg_root)
        wrk = subprocess.run(command, check=True, text=True, capture_output=True).stdout
        app_cpu = cpu_seconds(server.process.pid) - app_before
        db_cpu = cpu_seconds(pg_root) - db_before
    finally:
        server.stop()
    stats = dict(re.findall(r"(\w+)=(\d+)", wrk.split("KENES", 1)[1]))
    requests, failed = int(stats["requests"]), int(stats["non2xx"]) + int(stats["errors"])
    accepted = requests - int(stats["non2xx"])
    rate = accepted / args.duration
    after = int(manage(env, "shell", "-c", query, capture=True).split()[-1])
    stored = after - before
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    when = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    print()
    print(
        f"Appeal intake, {when}; {platform.node()} ({os.cpu_count()} cores), load average {load}; gunicorn "
        f"{args.workers} {args.worker_class} workers x {args.worker_threads} threads, keep-alive "
        f"{args.keep_alive if args.worker_class == 'gthread' else 0} s, DEBUG off, PostgreSQL, Redis cache; wrk -t{args.threads} -c{args.connections} "
        f"-d{args.duration}s on the same machine."
    )
    print()
    print("| requests | accepted (2xx) | failed | accepted/s | p50 ms | p95 ms | p99 ms | rows stored | ≥ 300/s |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|:-:|")
    print(
        f"| {requests:,} | {accepted:,} | {failed:,} | {rate:,.0f} | {int(stats['p50_us']) / 1000:.1f} | "
        f"{int(stats['p95_us']) / 1000:.1f} | {int(stats['p99_us']) / 1000:.1f} | {stored:,} | "
        f"{'yes' if rate >= TARGET else 'NO'} |"
    )
    per = (app_cpu + db_cpu) * 1000 / accepted if accepted else 0.0
    cores = os.cpu_count() or 1
    print()
    print(
        f"CPU per accepted appeal: {app_cpu * 1000 / max(accepted, 1):.1f} ms in gunicorn + "
        f"{db_cpu * 1000 / max(accepted, 1):.1f} ms in PostgreSQL = {per:.1f} ms; with the {cores} cores to "
        f"the server alone that is at most {cores * 1000 / per if per else 0:,.0f} appeals/s (an estimate that "
        "other load on the machine does not distort; PostgreSQL's share counts only if --pg-data is its own cluster)."
    )
    # wrk may count a request whose answer arrived after its clock stopped; never fewer rows than 2xx.
    if stored < accepted:
        print(f"ERROR: {accepted} appeals acknowledged but only {stored} stored", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
