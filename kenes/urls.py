from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from kenes.api.api import api
from kenes.portal.views import bare, robots_txt

urlpatterns = [
    path("api/v1/", api.urls),
    path("healthz", bare, name="bare"),
    path("robots.txt", robots_txt),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("kenes.accounts.urls")),
    path("staff/", include("kenes.councils.staff_urls")),
    path("staff/registry/", include("kenes.registry.staff_urls")),
    path("", include("kenes.registry.urls")),
    path("", include("kenes.councils.urls")),
    path("", include("kenes.portal.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
