"""No acknowledged appeal is ever lost: submit appeals concurrently over HTTP while PostgreSQL is
restarted, then prove that every appeal that got a success answer is stored exactly once.

    .venv/bin/python bench/appeals_durability.py [--clients 16] [--duration 20] [--restarts 3]
        [--cluster "15 main"] [--pg postgres://postgres@127.0.0.1:5432]

What it does:
  1. creates a fresh database (`kenes_appeals_durability`), migrates, loads the reference data;
  2. starts gunicorn as in production (DEBUG off, sync workers, persistent connections with health
     checks), rate limits off;
  3. runs N client threads; each submits new appeals, each with its own Idempotency-Key, and
     behaves like a careful client: on a network error or a 5xx answer it retries the *same*
     request (same key) a few times. Every 200/201 answer is recorded (key → tracking code);
  4. meanwhile restarts PostgreSQL (`pg_ctlcluster --skip-systemctl-redirect <cluster> restart`)
     several times, so requests fail mid-transaction, connections die, commits race;
  5. stops the load and checks in the database that every acknowledged key is stored exactly once,
     with the tracking code it was acknowledged with, with its applicant row, its timeline and its
     confirmation task; that no tracking code or key is stored twice.
Exits 1 when any check fails (or when no restart happened or nothing was acknowledged), else 0.

Restarting a cluster interrupts everyone using it: on a shared machine point --cluster/--pg at a
cluster of its own (e.g. `pg_createcluster 15 durability -p 5440 --start`).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run_bench import Server, fresh_database, log, manage  # noqa: E402

TEXT_WORDS = ["жол", "су", "жарық", "мектеп", "дорога", "свет", "вода", "школа", "парк", "крыша", "двор", "мост"]


def post(url: str, key: str, body: bytes) -> tuple[int, dict]:
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json", "Idempotency-Key": key}
    )
    try:
        with urllib.request.urlopen(request, timeout=15) as response:  # local URL only
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        try:
            payload = json.loads(error.read() or b"{}")
        except ValueError:
            payload = {}
        return error.code, payload


class Load:
    def __init__(self, url: str, maslikhats: list[int], retries: int) -> None:
        self.url, self.maslikhats, self.retries = url, maslikhats, retries
        self.acked: dict[str, str] = {}
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.attempts = 0
        self.failed_attempts = 0
        self.given_up = 0
        self.conflicts: list[str] = []

    def body(self, n: int, key: str) -> bytes:
        import random

        words = " ".join(f"{random.choice(TEXT_WORDS)}{random.randint(1, 10**6)}" for _ in range(30))
        return json.dumps(
            {
                "maslikhat_id": self.maslikhats[n % len(self.maslikhats)],
                "kind": "request",
                "topic": f"Durability {key[:8]}",
                "text": words,
                "language": "kk",
                "applicant": {"name": "Durability Tester", "email": f"{key[:12]}@example.invalid"},
            }
        ).encode()

    def client(self, index: int) -> None:
        n = 0
        while not self.stop.is_set():
            n += 1
            key = f"dur-{index}-{n}-{uuid.uuid4().hex[:12]}"
            body = self.body(n + index, key)
            for attempt in range(self.retries + 1):
                with self.lock:
                    self.attempts += 1
                try:
                    status, payload = post(self.url, key, body)
                except (OSError, ValueError):
                    status, payload = 0, {}
                if status in (200, 201) and payload.get("tracking_code"):
                    with self.lock:
                        previous = self.acked.get(key)
                        if previous is not None and previous != payload["tracking_code"]:
                            self.conflicts.append(key)
                        self.acked[key] = payload["tracking_code"]
                    break
                with self.lock:
                    self.failed_attempts += 1
                if status == 409:  # never expected: the same key was always sent with the same body
                    self.conflicts.append(key)
                    break
                time.sleep(0.2 * (attempt + 1))
            else:
                with self.lock:
                    self.given_up += 1


def restart(cluster: list[str]) -> float:
    started = time.monotonic()
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", *cluster, "restart"], check=True)
    return time.monotonic() - started


def verify(pg_url: str, acked: dict[str, str]) -> list[str]:
    import psycopg

    problems = []
    keys = list(acked)
    with psycopg.connect(pg_url) as conn:
        rows = conn.execute(
            "SELECT a.idempotency_key, a.tracking_code, count(*) OVER (PARTITION BY a.idempotency_key), "
            "(SELECT count(*) FROM appeals_appealapplicant p WHERE p.appeal_id = a.id), "
            "(SELECT count(*) FROM appeals_appealevent e WHERE e.appeal_id = a.id) "
            "FROM appeals_appeal a WHERE a.idempotency_key = ANY(%s)",
            (keys,),
        ).fetchall()
        stored = {}
        for key, code, copies, applicants, events in rows:
            if copies != 1:
                problems.append(f"{key}: stored {copies} times")
            if applicants != 1:
                problems.append(f"{key}: {applicants} applicant rows")
            if events < 2:
                problems.append(f"{key}: timeline incomplete ({events} events)")
            stored[key] = code
        for key, code in acked.items():
            if key not in stored:
                problems.append(f"{key}: acknowledged as {code} but NOT stored")
            elif stored[key] != code:
                problems.append(f"{key}: acknowledged as {code}, stored as {stored[key]}")
        duplicates = conn.execute(
            "SELECT tracking_code FROM appeals_appeal GROUP BY tracking_code HAVING count(*) > 1"
        ).fetchall()
        problems += [f"tracking code {code} stored twice" for (code,) in duplicates]
        # Each stored appeal enqueued its confirmation in the same transaction.
        ids = [r[0] for r in conn.execute("SELECT id FROM appeals_appeal WHERE idempotency_key = ANY(%s)", (keys,))]
        tasks = conn.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult "
            "WHERE task_path = 'kenes.appeals.tasks.appeal_received' AND (args_kwargs->'args'->>0)::bigint = ANY(%s)",
            (ids,),
        ).fetchone()[0]
        if tasks < len(ids):
            problems.append(f"{len(ids) - tasks} stored appeals lack their confirmation task")
        total = conn.execute("SELECT count(*) FROM appeals_appeal").fetchone()[0]
    log(f"stored appeals: {total} (acknowledged: {len(acked)}; the rest were stored but their answer was lost)")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=int, default=20, help="seconds of load")
    parser.add_argument("--restarts", type=int, default=3)
    parser.add_argument("--retries", type=int, default=8, help="retries of one request (same key) by a client")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--port", type=int, default=8792)
    parser.add_argument("--cluster", default="15 main", help='PostgreSQL cluster to restart: "<version> <name>"')
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="that cluster's server URL")
    parser.add_argument("--database", default="kenes_appeals_durability")
    args = parser.parse_args()

    env = {
        **os.environ,
        "DATABASE_URL": f"{args.pg}/{args.database}",
        "DEBUG": "0",
        "SECRET_KEY": "kenes-durability-secret-key-not-for-production-0123456789",
        "KENES_INSECURE_DEV_KEY": "0",
        "CACHE_URL": "locmem",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DB_CONN_MAX_AGE": "600",
        "LOG_LEVEL": "CRITICAL",
        "KENES_APPEAL_RATE_LIMITS": "0",
    }
    log(f"fresh database {args.database} on {args.pg}")
    fresh_database(f"{args.pg}/postgres", args.database)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_reference")
    ids = manage(
        env,
        "shell",
        "-c",
        "from kenes.registry.models import Maslikhat\n"
        "print(','.join(str(p) for p in Maslikhat.objects.filter(level='regional').values_list('pk', flat=True)))",
        capture=True,
    ).split()[-1]
    server = Server(env, args.port, args.workers)
    server.start()
    load = Load(server.url("/api/v1/appeals"), [int(i) for i in ids.split(",")], args.retries)
    clients = [threading.Thread(target=load.client, args=(i,), daemon=True) for i in range(args.clients)]
    restarts: list[float] = []
    try:
        log(f"{args.clients} clients for {args.duration} s; {args.restarts} restarts of PostgreSQL {args.cluster}")
        for thread in clients:
            thread.start()
        gap = args.duration / (args.restarts + 1)
        for _ in range(args.restarts):
            time.sleep(gap)
            took = restart(args.cluster.split())
            restarts.append(took)
            log(f"PostgreSQL restarted ({took:.1f} s); acknowledged so far: {len(load.acked)}")
        time.sleep(gap)
        load.stop.set()
        for thread in clients:
            thread.join(timeout=120)
    finally:
        load.stop.set()
        server.stop()
    log(
        f"attempts {load.attempts}, failed attempts {load.failed_attempts} (retried with the same key), "
        f"requests given up {load.given_up}, acknowledged appeals {len(load.acked)}"
    )
    problems = verify(f"{args.pg}/{args.database}", load.acked)
    problems += [f"{key}: one key, two different answers (or 409)" for key in load.conflicts]
    if not restarts:
        problems.append("PostgreSQL was not restarted")
    if not load.acked:
        problems.append("nothing was acknowledged")
    print()
    print("| clients | restarts | attempts | failed attempts | acknowledged | lost | stored twice | verdict |")
    print("|---:|---:|---:|---:|---:|---:|---:|:-:|")
    lost = sum("NOT stored" in p for p in problems)
    twice = sum("times" in p or "twice" in p for p in problems)
    print(
        f"| {args.clients} | {len(restarts)} | {load.attempts} | {load.failed_attempts} | {len(load.acked)} | "
        f"{lost} | {twice} | {'PASS' if not problems else 'FAIL'} |"
    )
    for problem in problems[:50]:
        print("PROBLEM:", problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
