"""Form pieces shared by the apps."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest


def form_add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def service_error_text(error: ValidationError | PermissionDenied) -> str:
    """A service's refusal as one sentence (for a message or an htmx fragment)."""
    return " ".join(getattr(error, "messages", None) or [str(error)])


def message_service_error(request: HttpRequest, error: ValidationError | PermissionDenied) -> None:
    """Show a service's refusal on the next page, for actions without a form."""
    messages.error(request, service_error_text(error))


def message_form_errors(request: HttpRequest, form: forms.Form) -> None:
    """Show a form's errors on the next page, for a form posted from another page."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Zero or more files; the services check each file's type and size."""

    widget = MultipleFileInput

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []
