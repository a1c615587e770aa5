"""Links that leave the page (e-mails, the Atom feed) use the configured site address, which
`make run` sets from PORT; every page names the feed and an icon."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone

ROOT = Path(__file__).resolve().parents[2]


def _make_run_commands(port: str, **env: str) -> list[str]:
    """What `make run PORT=…` would start (make -n prints the commands without running them)."""
    printed = subprocess.run(  # noqa: S603 - make, with a fixed target and a port given here
        ["make", "-n", "run", f"PORT={port}"],  # noqa: S607
        cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if k != "KENES_SITE_URL"}, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line for line in printed.splitlines() if "runserver" in line or "db_worker" in line]


@pytest.mark.parametrize("port", ["8711", "8000"])
def test_make_run_gives_server_and_worker_the_address_it_serves_on(port):
    lines = _make_run_commands(port)
    assert len(lines) == 2
    for line in lines:
        assert f"KENES_SITE_URL=${{KENES_SITE_URL:-http://127.0.0.1:{port}}}" in line, line
    server = next(line for line in lines if "runserver" in line)
    assert f"127.0.0.1:{port}" in server


def test_feed_links_use_the_configured_site_address(client, db, settings):
    from kenes.publications.models import PublicEvent

    settings.KENES_SITE_URL = "https://kenes.example.kz"
    settings.KENES_PUBLIC_CACHE = False
    PublicEvent.objects.create(kind="test", title={"en": "A change"}, path="/plans/1/", at=timezone.now())
    feed = client.get("/en/feeds/changes.atom").content.decode()
    links = re.findall(r'<link href="([^"]+)"', feed)
    assert links and all(link.startswith("https://kenes.example.kz/") for link in links), links
    assert "127.0.0.1:8000" not in feed


def test_every_page_names_the_feed_and_an_icon(client, db):
    html = client.get("/kk/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in html and 'href="/kk/feeds/changes.atom"' in html
    icon = re.search(r'<link rel="icon" href="([^"]+)"', html).group(1)
    response = client.get(icon)
    assert response.status_code == 200
    response.close()
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 301 and favicon["Location"] == icon


def test_the_channel_is_linked_from_every_page(client, db):
    for lang in ("kk", "ru", "en"):
        assert f'href="/{lang}/channel/"' in client.get(f"/{lang}/").content.decode(), lang


def test_public_pages_load_no_script_and_staff_pages_load_htmx(client, db, settings, make_user):
    settings.KENES_HTMX = True
    assert "<script" not in client.get("/kk/").content.decode()
    client.force_login(make_user("secretariat"))
    assert "htmx.min.js" in client.get("/kk/staff/councils/").content.decode()


def test_people_are_named_by_their_name_or_role_never_their_login(db):
    from django.utils import translation

    from tests.factories import MaslikhatFactory, UserFactory

    named = UserFactory(username="a.kairatov", first_name="Айгүл", last_name="Қайратова", role="secretariat")
    unnamed = UserFactory(
        username="aktobe", first_name="", last_name="", role="maslikhat_head", maslikhat=MaslikhatFactory()
    )
    assert named.display_name == "Айгүл Қайратова"
    with translation.override("en"):
        assert unnamed.display_name == "Head of maslikhat"
