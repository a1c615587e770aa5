"""Forms of the appeals pages. They only collect and clean input; the services decide."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kenes.appeals.models import Appeal


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.doc,.docx,.odt,.txt"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class AppealForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of appeal"), choices=Appeal.Kind.choices, initial=Appeal.Kind.STATEMENT)
    topic = forms.CharField(label=_("Topic"), max_length=200)
    text = forms.CharField(
        label=_("Your appeal"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Describe the question and what you ask the maslikhat to do."),
    )
    language = forms.ChoiceField(
        label=_("Language of the answer"),
        choices=Appeal.Language.choices,
        help_text=_("The answer comes in the language of your appeal."),
    )
    # Not required here: the service refuses anonymous appeals with the legal explanation.
    name = forms.CharField(
        label=_("Full name"), max_length=200, required=False, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}),
        help_text=_("+7 XXX XXX XX XX"),
    )
    address = forms.CharField(
        label=_("Postal address"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    iin = forms.CharField(
        label=_("IIN (optional)"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    attachments = MultipleFileField(
        label=_("Attachments (optional)"),
        required=False,
        help_text=_("Up to 3 files: PDF, JPEG, PNG, DOC, DOCX, ODT or TXT, at most 5 MB each."),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )


class RatingForm(forms.Form):
    substance = forms.TypedChoiceField(
        label=_("Was your question answered on substance?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    score = forms.TypedChoiceField(
        label=_("How would you rate the answer (1 = very poor, 5 = very good)?"),
        choices=[(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )


class ComplaintForm(forms.Form):
    complaint_text = forms.CharField(
        label=_("What is wrong with the answer?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )


class AssignForm(forms.Form):
    assignee_user = forms.ModelChoiceField(label=_("Staff member"), queryset=None, required=False)
    assignee_person = forms.ModelChoiceField(label=_("Deputy"), queryset=None, required=False)

    def __init__(self, *args, users=None, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee_user"].queryset = users
        self.fields["assignee_user"].label_from_instance = lambda user: user.display_name
        self.fields["assignee_person"].queryset = people

    def clean(self):
        data = super().clean()
        if not data.get("assignee_user") and not data.get("assignee_person"):
            raise ValidationError(_("Choose a staff member or a deputy."))
        return data


class ForwardForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Organisation"), queryset=None, required=False)
    maslikhat = forms.ModelChoiceField(label=_("Another maslikhat"), queryset=None, required=False)

    def __init__(self, *args, organizations=None, maslikhats=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["maslikhat"].queryset = maslikhats


class ExtendForm(forms.Form):
    extended_until = forms.DateField(label=_("New deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    extension_reason = forms.CharField(
        label=_("Reasoned decision"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Appeal.Outcome.choices)
    answer_text = forms.CharField(label=_("Answer"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8}))
    answer_file = forms.FileField(label=_("Answer document (optional)"), required=False)


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Why it is not considered"), max_length=200)
