"""Public appeal pages: find the maslikhat (region → city/district → maslikhat → deputies), write,
get a tracking code, follow the appeal. No page here ever shows the applicant's personal data;
the tracking page shows the answer through the masker."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kenes.appeals import selectors, services
from kenes.appeals.forms import AppealForm, ComplaintForm, RatingForm, TrackForm
from kenes.appeals.models import Appeal
from kenes.core.cache import public_page
from kenes.core.http import apply_service_error
from kenes.core.i18n import current_lang
from kenes.core.pages import any_demo
from kenes.core.privacy import public_text
from kenes.registry.models import Maslikhat, Person, Region
from kenes.registry.selectors import regions_on

SENT_SESSION_KEY = "appeals:sent"


def client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")


@public_page
def start(request: HttpRequest) -> HttpResponse:
    regions = list(regions_on())
    return render(request, "appeals/start.html", {"regions": regions})


@public_page
def region(request: HttpRequest, kato: str) -> HttpResponse:
    region = get_object_or_404(Region, kato=kato)
    maslikhats = list(region.maslikhats.select_related("parent").order_by("level", "id"))
    regional = [m for m in maslikhats if m.level == Maslikhat.Level.REGIONAL]
    local = [m for m in maslikhats if m.level != Maslikhat.Level.REGIONAL]
    return render(
        request,
        "appeals/region.html",
        {"region": region, "regional": regional, "local": local, "is_demo": any_demo(maslikhats)},
    )


@public_page
def maslikhat(request: HttpRequest, pk: int) -> HttpResponse:
    maslikhat = get_object_or_404(Maslikhat.objects.select_related("region"), pk=pk)
    deputies = list(selectors.deputies(maslikhat))
    stats = selectors.stats_by_maslikhat([maslikhat.pk]).get(maslikhat.pk, {"total": 0, "answered": 0, "on_time": 0})
    return render(
        request,
        "appeals/maslikhat.html",
        {"maslikhat": maslikhat, "deputies": deputies, "stats": stats, "is_demo": maslikhat.is_demo},
    )


@require_http_methods(["GET", "POST"])
def write(request: HttpRequest, pk: int) -> HttpResponse:
    """The appeal form. Not cached: it carries a CSRF token and a fresh idempotency key, so a
    double click or a resubmitted page makes one appeal, not two."""
    maslikhat = get_object_or_404(Maslikhat.objects.select_related("region"), pk=pk)
    deputy = None
    deputy_id = request.POST.get("deputy") or request.GET.get("deputy")
    if deputy_id and str(deputy_id).isdigit():
        deputy = Person.objects.filter(pk=int(deputy_id)).first()
    if request.method == "POST":
        form = AppealForm(request.POST, request.FILES)
        if form.is_valid():
            d = form.cleaned_data
            data = services.AppealData(
                maslikhat=maslikhat,
                deputy=deputy,
                kind=d["kind"],
                topic=d["topic"],
                text=d["text"],
                language=d["language"],
                applicant=services.ApplicantData(
                    name=d["name"], email=d["email"], phone=d["phone"], iin=d["iin"], address=d["address"]
                ),
                attachments=d["attachments"],
            )
            try:
                appeal, _created = services.appeal_submit(
                    data=data,
                    source=Appeal.Source.WEB,
                    ip=client_ip(request),
                    account_id=request.user.pk if request.user.is_authenticated else None,
                    idempotency_key=d["idempotency_key"] or None,
                )
            except ValidationError as error:
                apply_service_error(form, error)
                status = 429 if isinstance(error, services.RateLimited) else 400
                return _form_page(request, maslikhat, deputy, form, status=status)
            request.session[SENT_SESSION_KEY] = appeal.tracking_code
            return redirect("appeals:sent")
        return _form_page(request, maslikhat, deputy, form, status=400)
    form = AppealForm(initial={"language": current_lang(), "idempotency_key": uuid.uuid4().hex})
    return _form_page(request, maslikhat, deputy, form)


def _form_page(request, maslikhat, deputy, form, status: int = 200) -> HttpResponse:
    if deputy is not None and not services.intake.deputy_of(deputy, maslikhat):
        deputy = None
    if form.is_bound and not form.data.get("idempotency_key"):
        form.data = form.data.copy()
        form.data["idempotency_key"] = uuid.uuid4().hex
    return render(
        request, "appeals/write.html", {"maslikhat": maslikhat, "deputy": deputy, "form": form}, status=status
    )


def sent(request: HttpRequest) -> HttpResponse:
    code = request.session.get(SENT_SESSION_KEY)
    appeal = selectors.appeal_by_code(code or "")
    if appeal is None:
        return redirect("appeals:track")
    return render(request, "appeals/sent.html", {"appeal": appeal})


def track(request: HttpRequest) -> HttpResponse:
    """Enter a tracking code; with a known code, the status timeline, the answer and the forms to
    rate it or complain. Never the applicant's data, never the appeal's own text."""
    raw = request.GET.get("code", "")
    form = TrackForm(request.GET or None)
    appeal = None
    status = 200
    if raw:
        appeal = selectors.appeal_by_code(raw)
        if appeal is None:
            form.add_error("code", _("No appeal has this tracking code. Check it and try again."))
            status = 404
    context = {"form": form, "appeal": appeal}
    if appeal is not None:
        context.update(
            answer=public_text(appeal.answer_text, known=appeal.personal_values()),
            topic=public_text(appeal.topic, known=appeal.personal_values()),
            events=list(appeal.events.all()),
            rating_form=RatingForm(prefix="rate"),
            complaint_form=ComplaintForm(prefix="complaint"),
            can_rate=appeal.status in (Appeal.Status.ANSWERED, Appeal.Status.CLOSED) and appeal.rated_at is None,
            can_complain=appeal.status in (Appeal.Status.ANSWERED, Appeal.Status.CLOSED) and not appeal.complaint_text,
        )
    return render(request, "appeals/track.html", context, status=status)


def _track_redirect(appeal: Appeal) -> HttpResponse:
    return redirect(f"{reverse('appeals:track')}?code={appeal.tracking_code}")


@require_POST
def rate(request: HttpRequest, code: str) -> HttpResponse:
    appeal = selectors.appeal_by_code(code)
    if appeal is None:
        raise Http404(_("No appeal has this tracking code."))
    form = RatingForm(request.POST, prefix="rate")
    if not form.is_valid():
        messages.error(request, _("Answer both questions to rate the answer."))
        return _track_redirect(appeal)
    try:
        services.appeal_rate(appeal=appeal, substance=form.cleaned_data["substance"], score=form.cleaned_data["score"])
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("Thank you: your rating was recorded."))
    return _track_redirect(appeal)


@require_POST
def complain(request: HttpRequest, code: str) -> HttpResponse:
    appeal = selectors.appeal_by_code(code)
    if appeal is None:
        raise Http404(_("No appeal has this tracking code."))
    form = ComplaintForm(request.POST, prefix="complaint")
    if not form.is_valid():
        messages.error(request, _("Say what is wrong with the answer."))
        return _track_redirect(appeal)
    try:
        services.appeal_complain(appeal=appeal, text=form.cleaned_data["complaint_text"])
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        due = Appeal.objects.values_list("due_date", flat=True).get(pk=appeal.pk)
        messages.success(
            request,
            _("Your complaint was recorded and the appeal reopened. A new answer is due by %(date)s.")
            % {"date": due.isoformat()},
        )
    return _track_redirect(appeal)
