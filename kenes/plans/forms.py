"""Forms of the plan pages. They only collect and clean input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kenes.core.forms import StaffModelForm
from kenes.councils.models import Decision
from kenes.plans.models import Milestone, PlanItem, WorkPlan
from kenes.plans.services import REPORT_ATTACHMENTS
from kenes.registry.models import Maslikhat, Organization


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PlanForm(StaffModelForm):
    class Meta(StaffModelForm.Meta):
        model = WorkPlan
        fields = ["title", "period_start", "period_end", "adopted_by"]
        widgets = {"period_start": DateInput(), "period_end": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["adopted_by"].queryset = (
            Decision.objects.filter(kind=Decision.Kind.ADOPT_PLAN)
            .select_related("session")
            .order_by("-session__starts_at", "number")
        )
        self.fields["adopted_by"].label_from_instance = lambda d: f"{d.session.date:%d.%m.%Y} — {d}"


def _maslikhats():
    return Maslikhat.objects.select_related("region").order_by("region__kato", "level", "id")


def _organizations():
    return Organization.objects.exclude(kind__in=[Organization.Kind.COUNCIL, Organization.Kind.CHAMBER]).order_by(
        "kind", "id"
    )


class PlanItemForm(StaffModelForm):
    executor_maslikhats = forms.ModelMultipleChoiceField(
        label=_("Executor maslikhats"), queryset=Maslikhat.objects.none(), required=False
    )
    executor_organizations = forms.ModelMultipleChoiceField(
        label=_("Executor organisations"), queryset=Organization.objects.none(), required=False
    )
    co_executor_maslikhats = forms.ModelMultipleChoiceField(
        label=_("Co-executor maslikhats"), queryset=Maslikhat.objects.none(), required=False
    )
    co_executor_organizations = forms.ModelMultipleChoiceField(
        label=_("Co-executor organisations"), queryset=Organization.objects.none(), required=False
    )

    class Meta(StaffModelForm.Meta):
        model = PlanItem
        fields = ["number", "title", "description", "expected_result", "deadline", "progress"]
        widgets = {"deadline": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["number"].required = False
        self.fields["number"].help_text = _("Leave empty for the next number.")
        for name in ("executor_maslikhats", "co_executor_maslikhats"):
            self.fields[name].queryset = _maslikhats()
            self.fields[name].widget.attrs["size"] = 10
        for name in ("executor_organizations", "co_executor_organizations"):
            self.fields[name].queryset = _organizations()
        if self.instance.pk:
            assignees = list(self.instance.assignees.all())
            for name, role, field in (
                ("executor_maslikhats", "executor", "maslikhat_id"),
                ("executor_organizations", "executor", "organization_id"),
                ("co_executor_maslikhats", "co_executor", "maslikhat_id"),
                ("co_executor_organizations", "co_executor", "organization_id"),
            ):
                self.initial[name] = [getattr(a, field) for a in assignees if a.role == role and getattr(a, field)]

    def split(self) -> tuple[dict, dict]:
        """(model data, assignee lists) from cleaned_data."""
        data = dict(self.cleaned_data)
        lists = {
            "assignee_maslikhats": list(data.pop("executor_maslikhats", [])),
            "assignee_organizations": list(data.pop("executor_organizations", [])),
            "co_executor_maslikhats": list(data.pop("co_executor_maslikhats", [])),
            "co_executor_organizations": list(data.pop("co_executor_organizations", [])),
        }
        return data, lists


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=PlanItem.Status.choices)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required to cancel, to reopen, or to mark done without every report accepted."),
    )
    completed_on = forms.DateField(label=_("Completed on"), required=False, widget=DateInput())
    override = forms.BooleanField(
        label=_("Mark done even though not every executor's report is accepted"), required=False
    )


class MilestoneForm(StaffModelForm):
    class Meta(StaffModelForm.Meta):
        model = Milestone
        fields = ["title", "due", "done_on"]
        widgets = {"due": DateInput(), "done_on": DateInput()}


class ReportForm(forms.Form):
    text = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20000)
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=REPORT_ATTACHMENTS.help_text,
        widget=forms.ClearableFileInput(attrs={"accept": REPORT_ATTACHMENTS.accept}),
    )


class ReturnForm(forms.Form):
    review_comment = forms.CharField(
        label=_("What should be added or corrected"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Table of items (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
