"""A staff writer for bench/run_bench.py's run under writes: changes one plan item (and, every
other time, reassigns one appeal) through the services, `--rate` times a second, and after each
plan change polls the public plan page until it shows the change.

    DATABASE_URL=... CACHE_URL=... python bench/writer.py --base http://127.0.0.1:8765 --seconds 30

Prints one JSON line: writes done, plan changes seen, the slowest and median delay between a
commit and the public page showing it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kenes.settings")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--rate", type=float, default=5, help="writes per second (default 5)")
    args = parser.parse_args()

    import django

    django.setup()
    from kenes.appeals import services as appeal_services
    from kenes.appeals.models import Appeal
    from kenes.appeals.selectors import deputies as deputies_of
    from kenes.plans import services as plan_services
    from kenes.plans.models import PlanItem

    item = PlanItem.objects.select_related("plan").order_by("pk").first()
    deputies: list = []
    appeal = None
    for candidate in Appeal.objects.filter(status__in=[Appeal.Status.REGISTERED, Appeal.Status.IN_PROGRESS]):
        deputies = [membership.person for membership in deputies_of(candidate.maslikhat)[:2]]
        if deputies:
            appeal = candidate
            break
    page = f"{args.base}/en/plans/{item.plan_id}/"
    delays: list[float] = []
    writes = appeal_writes = unseen = 0
    interval = 1 / args.rate
    end = time.monotonic() + args.seconds
    n = 0
    while time.monotonic() < end:
        started = time.monotonic()
        n += 1
        title = f"Bench change {os.getpid()}-{n}"
        if n % 2 and appeal is not None:
            person = deputies[n // 2 % len(deputies)]
            appeal = appeal_services.appeal_assign(appeal=appeal, actor=None, person=person)
            appeal_writes += 1
        item = plan_services.plan_item_update(
            item=item, actor=None, data={"title": {"kk": title, "ru": title, "en": title}}
        )
        writes += 1
        committed = time.monotonic()
        while True:
            with urllib.request.urlopen(page, timeout=10) as response:  # local URL only
                if title.encode() in response.read():
                    delays.append(time.monotonic() - committed)
                    break
            if time.monotonic() - committed > 5:
                unseen += 1
                break
        time.sleep(max(0.0, interval - (time.monotonic() - started)))
    print(
        json.dumps(
            {
                "plan_writes": writes,
                "appeal_writes": appeal_writes,
                "writes_per_second": round((writes + appeal_writes) / args.seconds, 1),
                "seen": len(delays),
                "unseen_after_5s": unseen,
                "max_delay_s": round(max(delays), 3) if delays else None,
                "median_delay_s": round(statistics.median(delays), 3) if delays else None,
                "slowest_s": sorted(round(delay, 3) for delay in delays)[-5:],
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
