import pytest


@pytest.fixture(autouse=True)
def _whitenoise_without_collected_files(settings):
    # Tests run without collectstatic; autorefresh makes WhiteNoise look files up on demand.
    settings.WHITENOISE_AUTOREFRESH = True
