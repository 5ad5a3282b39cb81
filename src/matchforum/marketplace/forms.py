from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from matchforum.forums.models import CapabilityTrack
from matchforum.organisations.models import OrganisationKind

from .models import PROFILE_FIELDS, CooperationProfile, ProfileKind, Side


class ProfileForm(forms.ModelForm):
    tracks = forms.ModelMultipleChoiceField(
        label=_("Capability tracks"),
        queryset=CapabilityTrack.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    countries_of_interest = forms.MultipleChoiceField(
        label=_("Countries of interest"),
        # Called per form, so the names are those of the reader's language (and sorted so).
        choices=lambda: list(countries),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = CooperationProfile
        fields = list(PROFILE_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("ticket_min_eur"), cleaned.get("ticket_max_eur")
        if low is not None and high is not None and high < low:
            self.add_error("ticket_max_eur", _("The upper ticket size is below the lower one."))
        return cleaned


def _blank(label):
    return [("", label)]


class MarketplaceFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    track = forms.ChoiceField(label=_("Track"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        required=False,
        choices=_blank(_("Any kind")) + list(OrganisationKind.choices),
    )
    side = forms.ChoiceField(
        label=_("Offers or needs"), required=False, choices=_blank(_("Both")) + list(Side.choices)
    )
    profile_kind = forms.ChoiceField(
        label=_("Offer or need kind"),
        required=False,
        choices=_blank(_("Any")) + list(ProfileKind.choices),
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=_blank(_("Any")) + list(settings.LANGUAGES)
    )

    def __init__(
        self,
        *args,
        country_codes: list[str] | None = None,
        present_tracks: QuerySet[CapabilityTrack] | None = None,
        **kwargs,
    ):
        """`country_codes` and `present_tracks` limit the country and track filters to the
        countries and tracks present in the forum."""
        super().__init__(*args, **kwargs)
        tracks = CapabilityTrack.objects.all()
        if present_tracks is not None:
            # As for countries: a track asked for by an older link stays valid.
            tracks = tracks.filter(
                Q(pk__in=present_tracks.values("pk")) | Q(slug=self.data.get("track", ""))
            )
        self.fields["track"].choices = _blank(_("Any track")) + [
            (track.slug, track.display_name) for track in tracks
        ]
        present = list(countries)
        if country_codes is not None:
            # A country asked for by an older link stays valid, so its other filters hold.
            wanted = set(country_codes) | {self.data.get("country", "")}
            present = [(code, name) for code, name in present if code in wanted]
        self.fields["country"].choices = _blank(_("Any country")) + present
