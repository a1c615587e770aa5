"""Check API answers against the OpenAPI schema the app serves. Use in any capability's API tests:

from tests.api.contract import assert_matches_schema
response = client.get("/api/v1/plans")
assert_matches_schema(response)
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

_openapi = None


def openapi() -> OpenAPI:
    global _openapi
    if _openapi is None:
        from kenes.api.api import api

        # Through JSON, as clients see it: response codes become strings ("200"), as OpenAPI requires.
        _openapi = OpenAPI.from_dict(json.loads(json.dumps(api.get_openapi_schema(), cls=DjangoJSONEncoder)))
    return _openapi


def assert_matches_schema(response, *, validate_request: bool = True) -> None:
    """Raise if the response (and, for 2xx answers, the request) breaks the documented contract."""
    request = DjangoOpenAPIRequest(response.wsgi_request)
    if validate_request and 200 <= response.status_code < 300:
        openapi().validate_request(request)
    openapi().validate_response(request, DjangoOpenAPIResponse(response))
