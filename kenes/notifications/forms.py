"""The preferences form: per group, e-mail at once / in the digest / never, and in-app on or off."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kenes.notifications.models import EmailMode, Group


class PreferencesForm(forms.Form):
    def __init__(self, *args, current: dict[str, dict], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for group in Group.values:
            self.fields[f"{group}-email"] = forms.ChoiceField(
                label=_("E-mail"),
                choices=EmailMode.choices,
                widget=forms.RadioSelect,
                initial=current[group]["email"],
            )
            self.fields[f"{group}-in_app"] = forms.BooleanField(
                label=_("Show in my notifications on the site"), required=False, initial=current[group]["in_app"]
            )

    def groups(self):
        """(group, label, e-mail field, in-app field) for the template."""
        for group, label in Group.choices:
            yield group, label, self[f"{group}-email"], self[f"{group}-in_app"]

    def preferences(self) -> dict[str, dict]:
        data = self.cleaned_data
        return {group: {"email": data[f"{group}-email"], "in_app": data[f"{group}-in_app"]} for group in Group.values}
