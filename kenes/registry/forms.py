"""Forms of the maslikhat staff workspace. The services in kenes.registry.services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from kenes.core.forms import StaffModelForm
from kenes.core.i18n import TranslatedFormField
from kenes.registry.models import Maslikhat, Membership, Organization, Person, Post
from kenes.registry.services import MASLIKHAT_EDITABLE

MASLIKHAT_ROLES = [
    (Post.Role.DEPUTY, Post.Role.DEPUTY.label),
    (Post.Role.HEAD, Post.Role.HEAD.label),
    (Post.Role.STAFF, Post.Role.STAFF.label),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class MaslikhatForm(StaffModelForm):
    class Meta(StaffModelForm.Meta):
        model = Maslikhat
        fields = list(MASLIKHAT_EDITABLE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The database allows convocations 1–30; say so on the field rather than as a constraint name.
        convocation = self.fields["convocation"]
        convocation.validators += [MinValueValidator(1), MaxValueValidator(30)]
        convocation.widget.attrs.update(min=1, max=30)


class MembershipForm(StaffModelForm):
    """A deputy, the head or a staff member of one maslikhat. The person is chosen from the
    registry or, if not there yet, created from the name given."""

    role = forms.ChoiceField(label=_("Post"), choices=MASLIKHAT_ROLES)
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Leave empty to add a new person by name below."),
    )
    new_person_name = TranslatedFormField(
        label=_("New person's full name"),
        max_length=200,
        required=False,
        help_text=_("Only if the person is not listed."),
    )

    class Meta(StaffModelForm.Meta):
        model = Membership
        fields = ["start_date", "end_date", "mandate_type", "party", "constituency", "is_released"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    field_order = ["role", "person", "new_person_name"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.order_by("sort_name", "id")
        self.fields["party"].queryset = Organization.objects.filter(kind=Organization.Kind.PARTY).order_by("id")

    def clean(self):
        cleaned = super().clean()
        has_new = any((cleaned.get("new_person_name") or {}).values())
        if cleaned.get("person") and has_new:
            raise ValidationError(_("Choose a person from the list or type a new name, not both."), code="both")
        if not cleaned.get("person") and not has_new and not self.has_error("person"):
            raise ValidationError(_("Choose a person or type the name of a new one."), code="no_person")
        return cleaned

    def membership_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self._meta.fields}


class MembershipEndForm(forms.Form):
    end_date = forms.DateField(label=_("Until"), widget=DateInput())
