"""Forms of the staff workspace for work with voters. They collect and clean input; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kenes.core.forms import DateTimeLocalInput, StaffModelForm
from kenes.core.i18n import TranslatedFormField
from kenes.outreach.models import MeetingQuestion, VoterMandate, VoterMeeting
from kenes.registry.models import Maslikhat, Organization, Person


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def maslikhat_people(maslikhat: Maslikhat | None):
    """People who hold or held a post in the maslikhat (its deputies), by name."""
    qs = Person.objects.order_by("sort_name", "id")
    if maslikhat is None:
        return qs.none()
    return qs.filter(memberships__post__maslikhat=maslikhat).distinct()


class MeetingForm(StaffModelForm):
    class Meta(StaffModelForm.Meta):
        model = VoterMeeting
        fields = ["kind", "topic", "starts_at", "ends_at", "place", "deputies"]
        widgets = {
            "starts_at": DateTimeLocalInput(),
            "ends_at": DateTimeLocalInput(),
            "deputies": forms.CheckboxSelectMultiple(),
        }

    def __init__(self, *args: Any, maslikhat: Maslikhat | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deputies"].queryset = maslikhat_people(maslikhat or getattr(self.instance, "maslikhat", None))
        self.fields["starts_at"].help_text = _("Local time (Astana).")

    def service_data(self) -> tuple[dict, list]:
        data = dict(self.cleaned_data)
        deputies = list(data.pop("deputies", []))
        return data, deputies


class MaslikhatChoiceForm(forms.Form):
    """Admins choose the maslikhat; its own staff never see this field."""

    maslikhat = forms.ModelChoiceField(
        label=_("Maslikhat"), queryset=Maslikhat.objects.select_related("region").order_by("region__kato", "id")
    )


class MeetingHeldForm(StaffModelForm):
    class Meta(StaffModelForm.Meta):
        model = VoterMeeting
        fields = ["attendees_count", "topics", "summary"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendees_count"].required = True
        self.fields["attendees_count"].min_value = 0


class MeetingCancelForm(forms.Form):
    cancel_reason = TranslatedFormField(label=_("Reason for cancelling"), max_length=500, required=True)


class QuestionForm(StaffModelForm):
    class Meta(StaffModelForm.Meta):
        model = MeetingQuestion
        fields = ["text", "asked_by_name", "outcome", "answer"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "answer": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [
            (MeetingQuestion.Outcome.NOTED, MeetingQuestion.Outcome.NOTED.label),
            (MeetingQuestion.Outcome.ANSWERED_ON_SPOT, MeetingQuestion.Outcome.ANSWERED_ON_SPOT.label),
        ]


class QuestionToMandateForm(forms.Form):
    title = TranslatedFormField(label=_("Title of the mandate"), max_length=300, required=True)
    responsible_body = forms.ModelChoiceField(
        label=_("Responsible body"), required=False, queryset=Organization.objects.none()
    )
    responsible_text = TranslatedFormField(label=_("Responsible body (text)"), max_length=300, required=False)
    planned_completion = forms.DateField(label=_("Planned completion"), required=False, widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_body"].queryset = responsible_bodies()


class QuestionToAppealForm(forms.Form):
    """An appeal needs the citizen's name and a contact (anonymous appeals are not considered)."""

    kind = forms.ChoiceField(label=_("Kind of appeal"))
    topic = forms.CharField(label=_("Topic"), max_length=200)
    language = forms.ChoiceField(
        label=_("Language of the appeal"), choices=[("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
    )
    name = forms.CharField(label=_("Full name of the citizen"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    address = forms.CharField(label=_("Postal address"), max_length=300, required=False)

    def __init__(self, *args: Any, kinds: list | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds or []


def responsible_bodies():
    return Organization.objects.exclude(kind__in=["council", "chamber", "party", "media"]).order_by("kind", "id")


class MandateForm(StaffModelForm):
    class Meta(StaffModelForm.Meta):
        model = VoterMandate
        fields = [
            "title",
            "text",
            "source",
            "meeting",
            "deputy",
            "received_on",
            "responsible_body",
            "responsible_text",
            "planned_completion",
        ]
        widgets = {"received_on": DateInput(), "planned_completion": DateInput()}

    def __init__(self, *args: Any, maslikhat: Maslikhat | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        maslikhat = maslikhat or getattr(self.instance, "maslikhat", None)
        self.fields["deputy"].queryset = maslikhat_people(maslikhat)
        self.fields["meeting"].queryset = (
            VoterMeeting.objects.filter(maslikhat=maslikhat).order_by("-starts_at")
            if maslikhat
            else VoterMeeting.objects.none()
        )
        self.fields["responsible_body"].queryset = responsible_bodies()
        if not self.instance.pk:
            self.fields["received_on"].initial = timezone.localdate()


class MandateTransitionForm(forms.Form):
    """Offers only the statuses the mandate may move to next."""

    status = forms.ChoiceField(label=_("New status"))
    date = forms.DateField(label=_("Date"), required=False, widget=DateInput(), help_text=_("Today if left empty."))
    note = TranslatedFormField(label=_("Note"), long=True, required=False)
    reason = TranslatedFormField(
        label=_("Reason"), long=True, required=False, help_text=_("Required to reject or to declare it not executable.")
    )

    def __init__(self, *args: Any, allowed: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(VoterMandate.Status.choices)
        self.fields["status"].choices = [(s, labels[s]) for s in allowed]
