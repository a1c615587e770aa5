"""The signed-in user's inbox and preferences, and the token-authenticated unsubscribe page.

A user only ever reaches their own notifications: every lookup is scoped to request.user, so
another user's id answers 404 (not 403, which would confirm that it exists).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kenes.core.i18n import current_lang
from kenes.notifications import selectors, services
from kenes.notifications.delivery import render as render_notification
from kenes.notifications.forms import PreferencesForm
from kenes.notifications.models import Group, Notification
from kenes.notifications.tokens import ALL, BadToken, read_token

PAGE_SIZE = 30


def _prepare(notification: Notification, user, lang: str) -> Notification:
    notification.recipient = user  # the template may use it; no query per item
    notification.subject, body = render_notification(notification, lang)
    notification.link = f"/{lang}{notification.path}" if notification.path else ""
    if notification.link:
        # The subject links to the target; the e-mail's "Open: <address>" line would repeat it.
        absolute = f"{settings.KENES_SITE_URL}{notification.link}"
        body = "\n".join(line for line in body.splitlines() if not line.rstrip().endswith(absolute)).strip()
    notification.body = body
    return notification


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("notifications:inbox")


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    lang = current_lang()
    page = Paginator(selectors.inbox(request.user, unread_only=unread_only), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    items = [_prepare(n, request.user, lang) for n in page.object_list]
    return render(
        request,
        "notifications/inbox.html",
        {"page": page, "items": items, "unread_only": unread_only, "any_unread": any(n.read_at is None for n in items)},
    )


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(selectors.inbox(request.user), pk=pk)
    services.notification_mark_read(user=request.user, notification=notification)
    if request.headers.get("HX-Request"):
        item = _prepare(notification, request.user, current_lang())
        return render(request, "notifications/_item.html", {"n": item})
    messages.success(request, _("Marked as read."))
    return _back(request)


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return _back(request)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, current=selectors.preferences_of(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.preferences_update(user=request.user, preferences=form.preferences())
        except ValidationError as error:
            for text in error.messages:
                form.add_error(None, text)
        else:
            messages.success(request, _("Your notification settings were saved."))
            return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})


def _scope_label(group: str) -> str:
    return _("all notification e-mails") if group == ALL else str(Group(group).label)


@csrf_exempt  # token-authenticated, and mail clients POST here with no cookie (RFC 8058 one-click)
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user, group = read_token(token)
    except BadToken as error:
        return render(request, "notifications/unsubscribe_invalid.html", {"message": error.message}, status=400)
    context = {"scope": _scope_label(group), "all": group == ALL, "token": token}
    if request.method == "POST":
        services.unsubscribe(user=user, group=group)
        return render(request, "notifications/unsubscribe_done.html", context)
    context["action"] = reverse("notifications:unsubscribe", kwargs={"token": token})
    return render(request, "notifications/unsubscribe.html", context)
