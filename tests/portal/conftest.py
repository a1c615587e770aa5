import pytest


@pytest.fixture(autouse=True)
def _page_settings(settings):
    # Tests run without collectstatic; autorefresh makes WhiteNoise look files up on demand.
    settings.WHITENOISE_AUTOREFRESH = True
    # Records made with factories do not expire the page cache; the cache tests turn it on.
    settings.KENES_PUBLIC_CACHE = False
