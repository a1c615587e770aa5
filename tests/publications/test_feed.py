import pytest

from kenes.publications.services import public_event_record
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_atom_feed_in_each_language(client):
    org = OrganizationFactory()
    public_event_record(
        kind="test.changed",
        obj=org,
        title={"kk": "Жоспар орындалды", "ru": "План выполнен", "en": "Plan done"},
        path=f"/organizations/{org.pk}/",
    )
    kk = client.get("/kk/feeds/changes.atom")
    assert kk.status_code == 200 and kk["Content-Type"].startswith("application/atom+xml")
    assert "Жоспар орындалды" in kk.content.decode() and f"/kk/organizations/{org.pk}/" in kk.content.decode()
    assert "План выполнен" in client.get("/ru/feeds/changes.atom").content.decode()
