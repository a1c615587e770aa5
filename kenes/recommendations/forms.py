"""Staff forms for recommendations. They collect and clean input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kenes.core.forms import StaffModelForm
from kenes.core.i18n import TranslatedFormField
from kenes.councils.models import Council, Decision
from kenes.recommendations import selectors
from kenes.recommendations.models import OutcomeEvent, Package, Recommendation, Status
from kenes.recommendations.services import EVENT_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Decision) -> str:
        return f"{obj.session.date:%Y-%m-%d} — {obj}"


class PackageForm(StaffModelForm):
    class Meta(StaffModelForm.Meta):
        model = Package
        fields = ["title", "summary", "adopted_by", "adopted_on"]
        widgets = {"adopted_on": DateInput()}
        field_classes = {"adopted_by": DecisionChoiceField}

    def __init__(self, *args: Any, council: Council | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        decisions = Decision.objects.filter(kind=Decision.Kind.RECOMMENDATION).select_related("session")
        if council is not None:
            decisions = decisions.filter(session__council=council)
        self.fields["adopted_by"].queryset = decisions.order_by("-session__starts_at", "number")
        self.fields["adopted_by"].help_text = _(
            "The session decision (of the kind “Recommendation”) that adopted the package. The package becomes "
            "public with the session's minutes; without a decision it is public at once."
        )
        self.fields["adopted_on"].required = False
        self.fields["adopted_on"].help_text = _("Leave empty to take the date of the session that adopted it.")


class RecommendationForm(StaffModelForm):
    other_addressees = forms.ModelMultipleChoiceField(
        label=_("Also addressed to"), queryset=selectors.addressee_choices(), required=False
    )

    class Meta(StaffModelForm.Meta):
        model = Recommendation
        fields = ["text", "addressee"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["addressee"].queryset = selectors.addressee_choices()
        self.fields["other_addressees"].help_text = _("Hold Ctrl (⌘ on a Mac) to choose several.")


class TransitionForm(forms.Form):
    """The fields of one step (EVENT_FIELDS[status]); required where the service requires them."""

    def __init__(self, *args: Any, status: str, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", status)
        super().__init__(*args, **kwargs)
        self.status = status
        names = EVENT_FIELDS[status]
        meta = OutcomeEvent._meta
        self.fields["date"] = forms.DateField(label=_("Date"), widget=DateInput())
        if status == Status.IMPLEMENTED:
            self.fields["date"].required = False
            self.fields["date"].label = _("Date implemented")
            self.fields["date"].help_text = _("E.g. the day the act came into force; empty = the date of the act.")
        if "body" in names:
            self.fields["body"] = forms.ModelChoiceField(
                label=_("Body that responded") if status == Status.RESPONSE_RECEIVED else _("Body"),
                queryset=selectors.addressee_choices(),
                required=status == Status.RESPONSE_RECEIVED,
            )
        if "act_title" in names:
            self.fields["act_title"] = TranslatedFormField(label=_("Title of the act"), max_length=500, required=True)
            self.fields["act_number"] = forms.CharField(label=_("Number of the act"), max_length=50, required=False)
            self.fields["act_date"] = forms.DateField(label=_("Date of the act"), widget=DateInput())
            self.fields["act_url"] = meta.get_field("act_url").formfield(assume_scheme="https", required=False)
            self.fields["act_url"].help_text = _("Optional: a link to the act's text (e.g. on adilet.zan.kz).")
        if "reason" in names:
            self.fields["reason"] = TranslatedFormField(label=_("Reason"), long=True, required=True)
        if "text" in names:
            label = {
                Status.RESPONSE_RECEIVED: _("Text of the response"),
                Status.CLOSED: _("Comment"),
            }.get(status, _("Note"))
            self.fields["text"] = TranslatedFormField(
                label=label, long=True, required=status == Status.RESPONSE_RECEIVED
            )

    @property
    def title(self) -> str:
        return str(Status(self.status).label)
