"""The public JSON API at /api/v1/. Each capability owns its router (`<app>/api.py`); this module
only mounts them and sets the error handling shared by all."""

from ninja import NinjaAPI

from kenes.appeals.api import router as appeals_router
from kenes.channel.api import router as channel_router
from kenes.core.api import errors
from kenes.councils.api import router as councils_router
from kenes.insights.api import router as insights_router
from kenes.outreach.api import router as outreach_router
from kenes.plans.api import router as plans_router
from kenes.recommendations.api import router as recommendations_router
from kenes.registry.api import router as registry_router

DESCRIPTION = """
Open data of the Council for interaction with local representative bodies (maslikhats):
regions, maslikhats, people, organisations, the council, its sessions and their record.

* Read-only and public; no key is needed.
* Names follow [Popolo](https://www.popoloproject.com/) and Open Civic Data where they fit.
* Texts come in Kazakh, Russian and English: `{"kk": …, "ru": …, "en": …}`.
* Lists are paginated with `limit` (at most 100) and `offset`, and answer `{"items": [...], "count": N}`.
* Errors answer 404 `{"detail": "…"}` or 422 `{"detail": [{"loc", "field", "msg", "type"}]}`, with
  messages in the language of the `Accept-Language` header (kk, ru or en).
"""

api = NinjaAPI(
    title="Kenes API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
)
errors.install(api)
api.add_router("/", registry_router)
api.add_router("/", councils_router)
api.add_router("/", plans_router)
api.add_router("/", recommendations_router)
api.add_router("/", channel_router)
api.add_router("/", appeals_router)
api.add_router("/", outreach_router)
api.add_router("/", insights_router)
