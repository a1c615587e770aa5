"""Forms of the staff workspace. They only collect and clean input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kenes.core.files import UploadRules
from kenes.core.forms import DateTimeLocalInput, StaffModelForm
from kenes.councils.models import AgendaDocument, AgendaItem, Decision, Participation, Session, Statement
from kenes.registry.models import Organization, Person

DOCUMENTS = UploadRules(("pdf", "doc", "docx", "odt", "txt"))


class SessionForm(StaffModelForm):
    class Meta(StaffModelForm.Meta):
        model = Session
        fields = [
            "title",
            "kind",
            "starts_at",
            "ends_at",
            "place",
            "chair",
            "chair_title",
            "format",
            "video_url",
            "summary",
        ]
        widgets = {"starts_at": DateTimeLocalInput(), "ends_at": DateTimeLocalInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = Person.objects.order_by("sort_name", "id")
        self.fields["starts_at"].help_text = _("Local time (Astana).")


class AgendaItemForm(StaffModelForm):
    class Meta(StaffModelForm.Meta):
        model = AgendaItem
        fields = ["title", "description", "is_main", "presenter"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = Person.objects.order_by("sort_name", "id")


class AgendaDocumentForm(StaffModelForm):
    """A document is either an uploaded file (≤ 10 MB; PDF, DOC, DOCX, ODT or TXT) or a link."""

    class Meta(StaffModelForm.Meta):
        model = AgendaDocument
        fields = ["title", "file", "url", "language"]
        widgets = {
            "language": forms.Select(choices=[("", "—"), ("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")])
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = DOCUMENTS.help_text
        self.fields["file"].widget.attrs["accept"] = DOCUMENTS.accept

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            DOCUMENTS.check([upload])
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("url") and not self.has_error("file"):
            raise ValidationError(_("Upload a file or give a link."), code="empty")
        if cleaned.get("file") and cleaned.get("url"):
            raise ValidationError(_("Give either a file or a link, not both."), code="both")
        return cleaned


class RecordForm(StaffModelForm):
    """Statements and decisions point to an agenda item of the same session only."""

    def __init__(self, *args: Any, session: Session, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.session = session
        self.fields["agenda_item"].queryset = session.agenda_items.order_by("position")


class StatementForm(RecordForm):
    class Meta(StaffModelForm.Meta):
        model = Statement
        fields = ["speaker", "speaker_title", "agenda_item", "text", "quotation"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["speaker"].queryset = Person.objects.order_by("sort_name", "id")


class DecisionForm(RecordForm):
    admit_people = forms.ModelMultipleChoiceField(
        label=_("People to admit as individual members"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Only for an admission decision."),
    )
    admit_organizations = forms.ModelMultipleChoiceField(
        label=_("Organisations to admit as collective members"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("Only for an admission decision."),
    )

    class Meta(StaffModelForm.Meta):
        model = Decision
        fields = ["kind", "title", "text", "agenda_item"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["admit_people"].queryset = Person.objects.order_by("sort_name", "id")
        self.fields["admit_organizations"].queryset = Organization.objects.exclude(
            kind__in=[Organization.Kind.COUNCIL, Organization.Kind.CHAMBER]
        ).order_by("kind", "id")


MODE_CHOICES = [("", _("— not taking part —")), *Participation.Mode.choices]
ATTENDED_CHOICES = [("", _("unknown")), ("yes", _("yes")), ("no", _("no"))]


class ParticipationForm(forms.Form):
    """One row per maslikhat: mode_<id> and, once the session is held, attended_<id>."""

    def __init__(self, *args: Any, rows: list[dict], with_attendance: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.with_attendance = with_attendance
        for row in rows:
            maslikhat = row["maslikhat"]
            # The table's headers say which row is which; the selects carry the full name for screen readers.
            mode_label = _("How %(name)s takes part") % {"name": row["label"]}
            self.fields[f"mode_{maslikhat.pk}"] = forms.ChoiceField(
                label=mode_label,
                choices=MODE_CHOICES,
                required=False,
                initial=row["mode"] or "",
                widget=forms.Select(attrs={"aria-label": mode_label}),
            )
            if with_attendance:
                attended_label = _("Did %(name)s attend?") % {"name": row["label"]}
                self.fields[f"attended_{maslikhat.pk}"] = forms.ChoiceField(
                    label=attended_label,
                    choices=ATTENDED_CHOICES,
                    required=False,
                    initial={True: "yes", False: "no"}.get(row["attended"], ""),
                    widget=forms.Select(attrs={"aria-label": attended_label}),
                )
        for row in rows:
            row["mode_field"] = self[f"mode_{row['maslikhat'].pk}"]
            row["attended_field"] = self[f"attended_{row['maslikhat'].pk}"] if with_attendance else None

    def values(self, *, all_remote: bool = False) -> list[tuple[int, str | None, bool | None]]:
        out = []
        for row in self.rows:
            pk = row["maslikhat"].pk
            mode = Participation.Mode.REMOTE if all_remote else (self.cleaned_data.get(f"mode_{pk}") or None)
            attended = {"yes": True, "no": False}.get(self.cleaned_data.get(f"attended_{pk}") or "")
            out.append((pk, mode, attended))
        return out


class ParticipantAddForm(forms.Form):
    """A person or an organisation taking part besides the maslikhats."""

    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none(), required=False)
    organization = forms.ModelChoiceField(label=_("Organisation"), queryset=Organization.objects.none(), required=False)
    mode = forms.ChoiceField(label=_("Mode"), choices=Participation.Mode.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.order_by("sort_name", "id")
        self.fields["organization"].queryset = Organization.objects.exclude(kind=Organization.Kind.COUNCIL).order_by(
            "kind", "id"
        )

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("person")) == bool(cleaned.get("organization")):
            raise ValidationError(_("Choose either a person or an organisation."), code="one_participant")
        return cleaned


class ParticipantUpdateForm(forms.Form):
    mode = forms.ChoiceField(label=_("Mode"), choices=Participation.Mode.choices)
    attended = forms.ChoiceField(label=_("Attended"), choices=ATTENDED_CHOICES, required=False)

    def attended_value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("attended") or "")
