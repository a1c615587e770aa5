from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kenes.core.i18n import pick
from kenes.publications.models import PublicEvent

FEED_SIZE = 50


class ChangesFeed(Feed):
    """Atom feed of public status changes, in the language of the URL (/kk/, /ru/, /en/)."""

    feed_type = Atom1Feed
    title = _("Kenes: what changed")
    subtitle = _("Status changes of plans, recommendations and the council's channel with maslikhats.")

    # Every link in the feed is built from the configured site address (KENES_SITE_URL), not from
    # the host a request came to: readers and aggregators keep them.
    def link(self) -> str:
        return f"{settings.KENES_SITE_URL}/{get_language()}/"

    def feed_url(self) -> str:
        return f"{settings.KENES_SITE_URL}{reverse('publications:changes-feed')}"

    def items(self):
        return PublicEvent.objects.order_by("-at", "-id")[:FEED_SIZE]

    def item_title(self, item: PublicEvent) -> str:
        return pick(item.title)

    def item_description(self, item: PublicEvent) -> str:
        return pick(item.summary)

    def item_link(self, item: PublicEvent) -> str:
        return f"{settings.KENES_SITE_URL}/{get_language()}{item.path}"

    def item_guid(self, item: PublicEvent) -> str:
        return f"kenes:event:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: PublicEvent):
        return item.at

    def item_updateddate(self, item: PublicEvent):
        return item.at
