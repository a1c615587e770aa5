"""Maslikhat staff edit their own maslikhat (public details and memberships); the secretariat
edits any. Rules: kenes/registry/rules.py; writes: kenes/registry/services.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kenes.core.http import allow, error_messages, form_action
from kenes.core.i18n import search_q
from kenes.registry import services
from kenes.registry.forms import MaslikhatForm, MembershipEndForm, MembershipForm
from kenes.registry.models import Maslikhat, Membership, Post


def _maslikhat(pk: int) -> Maslikhat:
    return get_object_or_404(Maslikhat.objects.select_related("region", "parent"), pk=pk)


@login_required
@require_GET
def my_maslikhat(request: HttpRequest) -> HttpResponse:
    """Maslikhat staff land on their own maslikhat; the secretariat on the list of all."""
    if request.user.maslikhat_id and request.user.has_perm("registry.change_maslikhat", request.user.maslikhat):
        return redirect("registry-staff:maslikhat-edit", pk=request.user.maslikhat_id)
    allow(request, "registry.change_maslikhat")
    return redirect("registry-staff:maslikhat-list")


@login_required
@require_GET
def maslikhat_list(request: HttpRequest) -> HttpResponse:
    allow(request, "registry.change_maslikhat")  # without an object: only the secretariat and admins
    query = request.GET.get("q", "").strip()[:100]
    maslikhats = Maslikhat.objects.select_related("region").order_by("region__kato", "level", "id")
    if query:
        maslikhats = maslikhats.filter(search_q("name", query) | Q(region__in=_regions_matching(query)))
    return render(request, "registry/staff/maslikhat_list.html", {"maslikhats": maslikhats[:300], "query": query})


def _regions_matching(query: str):
    from kenes.registry.models import Region

    return Region.objects.filter(search_q("name", query))


def _maslikhat_page(request: HttpRequest, maslikhat: Maslikhat, **overrides: Any) -> HttpResponse:
    can_change = request.user.has_perm("registry.change_maslikhat", maslikhat)
    can_manage = request.user.has_perm("registry.manage_memberships", maslikhat)
    today = timezone.localdate()
    memberships = list(
        Membership.objects.filter(post__maslikhat=maslikhat)
        .select_related("person", "post", "party")
        .order_by("post__role", "-start_date", "id")
    )
    for membership in memberships:
        membership.is_current = (membership.start_date is None or membership.start_date <= today) and (
            membership.end_date is None or membership.end_date >= today
        )
        membership.title_text = membership.post.title_on(membership.end_date or today)
        membership.end_form = MembershipEndForm(prefix=f"end{membership.pk}", initial={"end_date": today})
    context = {
        "maslikhat": maslikhat,
        "can_change": can_change,
        "can_manage": can_manage,
        "form": overrides.get("form") or MaslikhatForm(instance=Maslikhat.objects.get(pk=maslikhat.pk)),
        "membership_form": overrides.get("membership_form") or MembershipForm(prefix="member"),
        "memberships": memberships,
    }
    return render(request, "registry/staff/maslikhat_edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def maslikhat_edit(request: HttpRequest, pk: int) -> HttpResponse:
    maslikhat = _maslikhat(pk)
    if request.method == "GET":
        if not (
            request.user.has_perm("registry.change_maslikhat", maslikhat)
            or request.user.has_perm("registry.manage_memberships", maslikhat)
        ):
            raise PermissionDenied
        return _maslikhat_page(request, maslikhat)
    allow(request, "registry.change_maslikhat", maslikhat)
    # A fresh copy for the form: the service compares the stored record with the new values.
    return form_action(
        request,
        lambda data: services.maslikhat_update(maslikhat=maslikhat, actor=request.user, data=data),
        form=MaslikhatForm(request.POST, instance=Maslikhat.objects.get(pk=pk)),
        success=_("The maslikhat's details were saved."),
        done=lambda: redirect("registry-staff:maslikhat-edit", pk=maslikhat.pk),
        page=lambda form: _maslikhat_page(request, maslikhat, form=form),
    )


@login_required
@require_POST
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    maslikhat = _maslikhat(pk)
    allow(request, "registry.manage_memberships", maslikhat)
    form = MembershipForm(request.POST, prefix="member")

    @transaction.atomic  # a new person is kept only if the membership is accepted
    def add(data: dict) -> Membership:
        person = data.get("person") or services.person_create(
            actor=request.user, data={"name": data["new_person_name"]}
        )
        post = services.post_for(maslikhat=maslikhat, role=data["role"])
        return services.membership_create(actor=request.user, person=person, post=post, data=form.membership_data())

    return form_action(
        request,
        add,
        form=form,
        success=lambda membership: (
            _("%(name)s was added: %(post)s.")
            % {"name": membership.person, "post": Post.Role(membership.post.role).label}
        ),
        done=lambda: redirect("registry-staff:maslikhat-edit", pk=maslikhat.pk),
        page=lambda bound: _maslikhat_page(request, maslikhat, membership_form=bound),
    )


@login_required
@require_POST
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.select_related("post__maslikhat", "person"), pk=pk)
    maslikhat = membership.post.maslikhat
    if maslikhat is None:
        raise PermissionDenied
    allow(request, "registry.manage_memberships", maslikhat)
    form = MembershipEndForm(request.POST, prefix=f"end{membership.pk}")
    if not form.is_valid():
        messages.error(request, _("Give the date the membership ended."))
    else:
        try:
            services.membership_end(membership=membership, actor=request.user, end_date=form.cleaned_data["end_date"])
        except ValidationError as error:
            error_messages(request, error)
        else:
            messages.success(request, _("The membership of %(name)s was ended.") % {"name": membership.person})
    return redirect("registry-staff:maslikhat-edit", pk=maslikhat.pk)
