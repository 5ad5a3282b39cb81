from __future__ import annotations

import secrets

from django import forms
from django.utils.translation import gettext_lazy as _

from matchforum.core.forms import MultipleFileField
from matchforum.core.text_limits import text_limit

from .attachments import ALLOWED_EXTENSIONS
from .models import CoalitionPage, Post, PostReport, Thread, ThreadKind


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=text_limit(Post, "body"),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        help_text=_("PDF, PNG, JPEG, DOCX or XLSX; checked on their content."),
        widget=MultipleFileField.widget(attrs={"accept": ALLOWED_EXTENSIONS}),
    )
    # A fresh key each time the form is shown; the service makes one post per key.
    submission_key = forms.CharField(
        widget=forms.HiddenInput,
        required=False,
        max_length=64,
        initial=lambda: secrets.token_urlsafe(24),
    )


class ThreadForm(ReplyForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=ThreadKind.choices)
    title = forms.CharField(label=_("Title"), max_length=text_limit(Thread, "title"))

    field_order = ["kind", "title", "body", "attachments"]


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this post?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=text_limit(PostReport, "reason"),
    )


class CoalitionPageForm(forms.Form):
    pinned_note = forms.CharField(
        label=_("Pinned note"),
        required=False,
        max_length=text_limit(CoalitionPage, "pinned_note"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    featured = forms.ModelMultipleChoiceField(
        label=_("Featured needs and offers"),
        queryset=CoalitionPage.featured.field.related_model.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: object, profiles=None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if profiles is not None:
            self.fields["featured"].queryset = profiles
            self.fields["featured"].label_from_instance = lambda profile: (
                f"{profile.get_side_display()}: {profile.title} ({profile.organisation.name})"
            )
