"""Kenes benchmark: serve the app as in production and load it with wrk.

    .venv/bin/python bench/run_bench.py [--duration 10] [--connections 32] [--threads 2]

What it does, in one run:
  1. creates a fresh PostgreSQL database `kenes_bench` (dropping an old one), migrates, loads the
     reference and demo data, collects static files;
  2. starts gunicorn (DEBUG off, SECRET_KEY set, Redis cache at redis://127.0.0.1:6379/3,
     2 x cores + 1 sync workers, port 8765);
  3. loads the bare view /healthz, the home page /kk/, the 2020-10-21 session page /kk/sessions/<id>/
     and /api/v1/sessions/<id> with wrk, one after another, in two interleaved rounds, and prints
     req/s, p50, p95 (means over the rounds) and each page's throughput as a share of the bare
     view's (target: at least 30 %);
  4. restarts gunicorn with the public page cache off (KENES_PUBLIC_CACHE=0) and measures again, so
     the figures without the cache are printed too;
  5. stops gunicorn.

wrk runs on the same machine as the server, so both share its cores; compare ratios, not absolute
figures, between machines. Needs wrk (`apt-get install -y wrk`), PostgreSQL on 127.0.0.1:5432 and
Redis on 127.0.0.1:6379.
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
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TARGET_RATIO = 0.30
LUA = """
done = function(summary, latency, requests)
  io.write(string.format("KENES p50_us=%d p95_us=%d p99_us=%d requests=%d non2xx=%d errors=%d\\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99), summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout))
end
"""


@dataclass
class Result:
    name: str
    path: str
    cache: bool
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    requests: int
    non2xx: int
    errors: int
    ratio: float | None = None


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def manage(env: dict[str, str], *args: str, capture: bool = False) -> str:
    out = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return out.stdout or ""


def fresh_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # local URL only
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class Server:
    def __init__(self, env: dict[str, str], port: int, workers: int) -> None:
        self.env, self.port, self.workers = env, port, workers
        self.process: subprocess.Popen | None = None
        self.log = tempfile.NamedTemporaryFile(prefix="kenes-gunicorn-", suffix=".log", delete=False)  # noqa: SIM115

    def start(self) -> None:
        gunicorn = str(Path(PYTHON).with_name("gunicorn"))
        self.process = subprocess.Popen(
            [
                gunicorn,
                "kenes.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--worker-class",
                "sync",
                "--backlog",
                "2048",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
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

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def run_wrk(server: Server, name: str, path: str, cache: bool, args: argparse.Namespace, lua: str) -> Result:
    url = server.url(path)
    for _ in range(20):  # warm up: open DB connections, fill the page cache, import lazily loaded modules
        get(url)
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--timeout",
        "10s",
        # Like a browser, which always accepts gzip.
        "-H",
        "Accept-Encoding: gzip, deflate",
        "--latency",
        "-s",
        lua,
        url,
    ]
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


def table(title: str, results: list[Result]) -> str:
    lines = [
        title,
        "",
        "| page | path | req/s | p50 ms | p95 ms | ratio to bare | ≥ 30 % | non-2xx |",
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


def combine(runs: list[Result]) -> Result:
    """One row from several rounds of the same URL: mean req/s and latencies, summed counts."""
    n = len(runs)
    first = runs[0]
    return Result(
        name=first.name,
        path=first.path,
        cache=first.cache,
        rps=sum(r.rps for r in runs) / n,
        p50_ms=sum(r.p50_ms for r in runs) / n,
        p95_ms=sum(r.p95_ms for r in runs) / n,
        p99_ms=sum(r.p99_ms for r in runs) / n,
        requests=sum(r.requests for r in runs),
        non2xx=sum(r.non2xx for r in runs),
        errors=sum(r.errors for r in runs),
    )


def measure(
    server: Server, pages: list[tuple[str, str]], cache: bool, args, lua: str, writes: bool = False
) -> tuple[list[Result], dict | None]:
    """Load every URL in turn, `args.rounds` times over (bare view, pages, bare view, pages, ...), so
    that drift in the machine's load touches the baseline and the pages alike. With `writes`, a
    staff writer (bench/writer.py) changes a plan item and an appeal `args.write_rate` times a
    second through the whole run and reports how soon the public plan page showed each change."""
    server.start()
    writer = None
    try:
        for _name, path in pages:
            status, _body = get(server.url(path))
            if status != 200:
                raise SystemExit(f"{path} answered {status}, not 200: nothing to measure")
        if writes:
            seconds = args.rounds * len(pages) * (args.duration + 3) + 5
            writer = subprocess.Popen(
                [PYTHON, str(ROOT / "bench" / "writer.py"), "--base", server.url(""), "--seconds", str(seconds)]
                + ["--rate", str(args.write_rate)],
                cwd=ROOT,
                env=server.env,
                stdout=subprocess.PIPE,
                text=True,
            )
            time.sleep(2)  # the writer is writing before the first measurement
        runs: dict[str, list[Result]] = {path: [] for _name, path in pages}
        for round_number in range(1, args.rounds + 1):
            for name, path in pages:
                label = ("cache on" if cache else "cache off") + (", under writes" if writes else "")
                log(f"round {round_number}/{args.rounds}: wrk {path} ({label}, {args.duration} s)")
                runs[path].append(run_wrk(server, name, path, cache, args, lua))
        report = None
        if writer is not None:
            out, _err = writer.communicate(timeout=600)
            report = json.loads(out.strip().splitlines()[-1])
    finally:
        if writer is not None and writer.poll() is None:
            writer.kill()
        server.stop()
    results = [combine(runs[path]) for _name, path in pages]
    bare = results[0].rps
    for r in results[1:]:
        r.ratio = r.rps / bare if bare else None
    return results, report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per URL (default 10)")
    parser.add_argument("--rounds", type=int, default=2, help="times each URL is loaded, interleaved (default 2)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database", default="kenes_bench")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server URL")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/3")
    parser.add_argument("--skip-setup", action="store_true", help="reuse the database of a previous run")
    parser.add_argument("--no-uncached", action="store_true", help="skip the run with the page cache off")
    parser.add_argument("--no-writes", action="store_true", help="skip the run under writes")
    parser.add_argument("--write-rate", type=float, default=5, help="staff writes per second in the run under writes")
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
    if not args.skip_setup:
        log(f"fresh database {args.database}")
        fresh_database(f"{args.pg}/postgres", args.database)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "createcachetable")
        manage(env, "load_reference")
        manage(env, "load_demo", "--force", "--no-accounts")
        manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")
    session_id = manage(
        env,
        "shell",
        "-c",
        "import datetime, zoneinfo\n"
        "from kenes.councils.models import Session\n"
        "t = datetime.datetime(2020, 10, 21, 10, tzinfo=zoneinfo.ZoneInfo('Asia/Almaty'))\n"
        "print(Session.objects.get(starts_at=t, kind='regular').pk)",
        capture=True,
    ).split()[-1]
    pages = [
        ("bare view", "/healthz"),
        ("home", "/kk/"),
        ("session 2020-10-21", f"/kk/sessions/{session_id}/"),
        ("API session", f"/api/v1/sessions/{session_id}"),
    ]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(LUA)
        lua = handle.name

    cores = os.cpu_count()
    log(f"gunicorn: {args.workers} sync workers on 127.0.0.1:{args.port}; wrk -t{args.threads} -c{args.connections}")
    results, _ = measure(Server(env, args.port, args.workers), pages, True, args, lua)
    under_writes: list[Result] = []
    writer: dict | None = None
    if not args.no_writes:
        under_writes, writer = measure(Server(env, args.port, args.workers), pages, True, args, lua, writes=True)
    uncached: list[Result] = []
    if not args.no_uncached:
        off_env = {**env, "KENES_PUBLIC_CACHE": "0"}
        uncached, _ = measure(Server(off_env, args.port, args.workers), pages, False, args, lua)

    when = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    header = (
        f"Kenes benchmark, {when}; {platform.node()} ({cores} cores, {platform.processor() or platform.machine()}); "
        f"gunicorn {args.workers} sync workers, DEBUG off, PostgreSQL, Redis cache; "
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s x {args.rounds} rounds on the same machine."
    )
    print()
    print(header)
    print()
    print(table("With the public page cache (production setting):", results))
    if under_writes:
        print()
        print(
            table(f"Under writes (cache on; a staff writer changes a plan item and an appeal, {writer}):", under_writes)
        )
        print(
            f"\nThe changed plan's public page showed {writer['seen']} of {writer['plan_writes']} changes; "
            f"slowest after {writer['max_delay_s']} s, median {writer['median_delay_s']} s (target: within 1 s)."
        )
    if uncached:
        print()
        print(table("With the public page cache off (KENES_PUBLIC_CACHE=0; every request renders):", uncached))
    out_dir = ROOT / "bench" / "out"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "latest.json").write_text(
        json.dumps(
            {
                "header": header,
                "cached": [asdict(r) for r in results],
                "under_writes": [asdict(r) for r in under_writes],
                "writer": writer,
                "uncached": [asdict(r) for r in uncached],
            },
            indent=2,
        )
    )
    failed = [r for r in results + under_writes if r.ratio is not None and r.ratio < TARGET_RATIO]
    bad = [r for r in results + under_writes + uncached if r.non2xx or r.errors]
    if writer and (writer["unseen_after_5s"] or writer["max_delay_s"] is None or writer["max_delay_s"] > 1):
        print("\nNOT met: the changed plan's page did not show every change within 1 s")
        failed.append(Result("writer", "", True, 0, 0, 0, 0, 0, 0, 0))
    if bad:
        print(f"\nWARNING: non-2xx answers or socket errors on: {', '.join(r.path for r in bad)}")
    print(
        "\nTarget (every page ≥ 30 % of the bare view, cache on, also under writes): "
        + ("met" if not failed else "NOT met for " + ", ".join(r.path for r in failed))
    )
    return 1 if failed or bad else 0


if __name__ == "__main__":
    sys.exit(main())
