from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from matchforum.core.text_limits import text_limit
from matchforum.forums.models import CapabilityTrack

from .models import AttendanceMode, Invitation, Organisation


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        max_length=text_limit(Organisation, "website"),
    )
    tracks = forms.ModelMultipleChoiceField(
        label=_("Capability tracks"),
        queryset=CapabilityTrack.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Organisation
        fields = ["name", "country", "kind", "website", "description", "size", "visibility"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Colleague's e-mail address"))
    role = forms.CharField(
        label=_("Their role"), max_length=text_limit(Invitation, "role"), required=False
    )


class AvailabilityForm(forms.Form):
    attendance = forms.ChoiceField(
        label=_("I will attend"), choices=AttendanceMode.choices, widget=forms.RadioSelect
    )
    unavailable = forms.MultipleChoiceField(
        label=_("Slots I cannot attend"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, slots=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = {str(slot.pk): slot for slot in slots}
        self.fields["unavailable"].choices = [(key, str(slot)) for key, slot in self.slots.items()]

    def chosen_slots(self):
        return [self.slots[key] for key in self.cleaned_data["unavailable"]]
