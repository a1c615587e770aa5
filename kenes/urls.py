from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from kenes.accounts.views import staff_home
from kenes.api.api import api
from kenes.portal.views import bare, favicon, robots_txt

urlpatterns = [
    path("api/v1/", api.urls),
    path("healthz", bare, name="bare"),
    path("robots.txt", robots_txt),
    # Browsers ask for /favicon.ico before reading the page's <link rel="icon">.
    path("favicon.ico", favicon),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("kenes.accounts.urls")),
    path("staff/", staff_home, name="staff-home"),
    path("staff/councils/", include("kenes.councils.staff_urls")),
    path("staff/audit/", include("kenes.core.staff_urls")),
    path("staff/registry/", include("kenes.registry.staff_urls")),
    path("staff/plans/", include("kenes.plans.staff_urls")),
    path("staff/recommendations/", include("kenes.recommendations.staff_urls")),
    path("staff/channel/", include("kenes.channel.staff_urls")),
    path("staff/appeals/", include("kenes.appeals.staff_urls")),
    path("staff/outreach/", include("kenes.outreach.staff_urls")),
    path("staff/insights/", include("kenes.insights.staff_urls")),
    path("notifications/", include("kenes.notifications.urls")),
    path("", include("kenes.publications.urls")),
    path("", include("kenes.registry.urls")),
    path("", include("kenes.councils.urls")),
    path("", include("kenes.plans.urls")),
    path("", include("kenes.recommendations.urls")),
    path("", include("kenes.channel.urls")),
    path("", include("kenes.appeals.urls")),
    path("", include("kenes.outreach.urls")),
    path("", include("kenes.insights.urls")),
    path("", include("kenes.portal.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
