"""Forms of the channel. They collect and clean input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kenes.accounts.models import User
from kenes.accounts.selectors import secretariat_staff
from kenes.core.i18n import TranslatedFormField
from kenes.councils.models import Session
from kenes.registry.models import Maslikhat, Region

from .models import ChannelItem, CouncilRequest


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ItemSendForm(forms.ModelForm):
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("PDF, Word, Excel, OpenDocument, text or images; up to 10 MB each."),
    )

    class Meta:
        model = ChannelItem
        fields = ["kind", "subject", "text", "is_public"]
        labels = {"is_public": _("Publish this item and the council's answer on the public portal")}


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Assign to"), queryset=User.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = secretariat_staff().order_by("last_name", "username")
        self.fields["assignee"].label_from_instance = lambda u: u.display_name


class AnswerForm(forms.Form):
    answer = TranslatedFormField(label=_("Answer"), long=True, required=True)


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required unless the item was answered."),
    )


class ConvertAgendaForm(forms.Form):
    session = forms.ModelChoiceField(label=_("Session"), queryset=Session.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = Session.objects.filter(
            status__in=(Session.Status.DRAFT, Session.Status.ANNOUNCED)
        ).order_by("starts_at")


class ConvertPlanForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Work plan"), queryset=None)
    deadline = forms.DateField(label=_("Deadline of the plan item"))
    sender_responsible = forms.BooleanField(
        label=_("Make the sending maslikhat responsible for the item"), required=False, initial=True
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from kenes.plans.models import WorkPlan

        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = WorkPlan.objects.order_by("-period_start", "-id")
        self.fields["deadline"].widget = DateInput()


class ConvertRecommendationForm(forms.Form):
    package = forms.ModelChoiceField(label=_("Package of recommendations"), queryset=None)
    addressees = forms.ModelMultipleChoiceField(
        label=_("Addressed to"), queryset=None, help_text=_("The first chosen is the main addressee.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from kenes.recommendations.models import Package
        from kenes.registry.models import Organization

        super().__init__(*args, **kwargs)
        self.fields["package"].queryset = Package.objects.order_by("-adopted_on", "-id")
        self.fields["addressees"].queryset = Organization.objects.filter(
            kind__in=(Organization.Kind.GOVERNMENT, Organization.Kind.AKIMAT, Organization.Kind.CHAMBER)
        ).order_by("kind", "id")


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        any_choice = [("", _("Any"))]
        self.fields["status"].choices = any_choice + list(ChannelItem.Status.choices)
        self.fields["kind"].choices = any_choice + list(ChannelItem.Kind.choices)
        self.fields["region"].choices = any_choice + [
            (region.kato, str(region)) for region in Region.objects.order_by("kato")
        ]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class RequestForm(forms.ModelForm):
    all_regional = forms.BooleanField(
        label=_("All regional maslikhats of today's regions"),
        required=False,
        help_text=_("Or choose some maslikhats below."),
    )
    targets = forms.ModelMultipleChoiceField(
        label=_("Maslikhats asked"),
        queryset=Maslikhat.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = CouncilRequest
        fields = ["title", "text", "due_date"]
        widgets = {"due_date": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["targets"].queryset = regional_today()

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("all_regional"):
            cleaned["targets"] = list(regional_today())
        elif not cleaned.get("targets"):
            self.add_error("targets", _("Choose at least one maslikhat, or all regional maslikhats."))
        return cleaned


def regional_today():
    return (
        Maslikhat.objects.filter(level=Maslikhat.Level.REGIONAL)
        .filter(region__in=Region.objects.filter(Region.q_valid_on(timezone.localdate())))
        .select_related("region")
        .order_by("region__kato")
    )


class ResponseForm(forms.Form):
    text = TranslatedFormField(label=_("Your answer"), long=True, required=True)
    attachment = forms.FileField(
        label=_("Attachment"), required=False, help_text=_("Optional; PDF, Word, Excel, text or images, up to 10 MB.")
    )
