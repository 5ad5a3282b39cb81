"""The fields of a profile are listed once, for the form, the services and the API."""

from __future__ import annotations

from matchforum.api.serializers import ProfileSerializer
from matchforum.marketplace.forms import ProfileForm
from matchforum.marketplace.models import PROFILE_FIELDS


def test_the_form_and_the_api_edit_the_same_profile_fields():
    assert list(ProfileForm().fields) == list(PROFILE_FIELDS)
    api_fields = list(ProfileSerializer().fields)
    assert api_fields[2:-1] == list(PROFILE_FIELDS)
