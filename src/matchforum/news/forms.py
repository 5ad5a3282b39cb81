from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from matchforum.core.text_limits import text_limit
from matchforum.forums.models import CapabilityTrack

from .models import Article, Comment


class TrackChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: CapabilityTrack) -> str:
        return obj.display_name


class ArticleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=text_limit(Article, "title"))
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=text_limit(Article, "body"),
    )
    language = forms.ChoiceField(label=_("Written in"), choices=settings.LANGUAGES)
    tracks = TrackChoiceField(
        label=_("Tracks"),
        queryset=CapabilityTrack.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_published = forms.BooleanField(label=_("Published"), required=False)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=text_limit(Comment, "body"),
    )
