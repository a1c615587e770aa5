from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelConfig(AppConfig):
    name = "kenes.channel"
    label = "channel"
    verbose_name = _("Channel between maslikhats and the council")
