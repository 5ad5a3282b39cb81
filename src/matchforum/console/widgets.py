from django import forms

from .pickers import PickerKind


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def format_value(self, value):
        if hasattr(value, "strftime"):
            from django.utils import timezone

            if timezone.is_aware(value):
                value = timezone.localtime(value)
            return value.strftime("%Y-%m-%dT%H:%M")
        return value


class SearchPicker(forms.Widget):
    """A type-ahead picker for a ModelChoiceField over many rows (thousands of delegates or
    organisations).

    It renders a search box that asks `search_url` (a server-side search that decides
    what the caller may see) for the first matches as radio buttons of this field's name,
    and the chosen row as a ticked radio button; nothing lists every row. `kind`
    (console/pickers.py) names the rows. The field still validates the chosen id against
    its queryset, so a forged id of another forum or scope is refused.
    """

    template_name = "console/widgets/search_picker.html"

    def __init__(self, *, search_url: str, kind: PickerKind, attrs: dict | None = None) -> None:
        super().__init__(attrs)
        self.search_url = search_url
        self.kind = kind

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = None
        queryset = getattr(getattr(self, "choices", None), "queryset", None)
        if value not in (None, "") and queryset is not None and str(value).isdigit():
            row = queryset.filter(pk=value).first()
            if row is not None:
                chosen = {"pk": row.pk, "label": self.kind.label(row)}
        context["widget"].update(
            search_url=self.search_url, chosen=chosen, placeholder=self.kind.placeholder
        )
        return context

    def value_from_datadict(self, data, files, name):
        return data.get(name)
