"""The POST forms of a rendered page, read with the standard library's HTML parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.urls import resolve

TEXT_TYPES = {"text", "search", "email", "url", "tel", "password", ""}
BUTTON_TYPES = {"submit", "button", "reset", "image"}


@dataclass
class Field:
    name: str
    kind: str  # an input type, "textarea", "select" or "submit"
    value: str = ""
    options: list[str] = field(default_factory=list)  # select options, radio or submit values
    checked: list[str] = field(default_factory=list)  # selected options, checked boxes
    multiple: bool = False


@dataclass
class Form:
    action: str  # a path, with its query string
    multipart: bool
    fields: dict[str, Field] = field(default_factory=dict)

    def key(self) -> tuple[str, tuple[str, ...]]:
        """Forms of one view with the same fields are one target (e.g. one per table)."""
        return resolve(urlsplit(self.action).path).view_name, tuple(sorted(self.fields))


class _FormParser(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: Field | None = None
        self._select: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                action = urljoin(self.page_url, a.get("action") or self.page_url)
                parts = urlsplit(action)
                local = not parts.netloc or parts.netloc == "testserver"
                self._form = Form(
                    action=parts.path + (f"?{parts.query}" if parts.query else ""),
                    multipart="multipart" in a.get("enctype", ""),
                )
                if local:
                    self.forms.append(self._form)
            return
        if tag == "option" and self._select is not None:
            value = a.get("value", "")
            self._select.options.append(value)
            if "selected" in a:
                self._select.checked.append(value)
            return
        if self._form is None or not a.get("name") or "disabled" in a:
            return
        name, fields = a["name"], self._form.fields
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in {"reset", "button", "image"}:
                return
            known = fields.get(name)
            if kind in {"checkbox", "radio", "submit"}:
                known = known or fields.setdefault(name, Field(name, kind))
                known.options.append(a.get("value", "on"))
                if "checked" in a:
                    known.checked.append(a.get("value", "on"))
                if kind == "checkbox" and len(known.options) > 1:
                    known.multiple = True
            else:
                fields[name] = Field(name, kind, value=a.get("value", ""))
        elif tag == "button" and a.get("type", "submit").lower() == "submit":
            fields.setdefault(name, Field(name, "submit")).options.append(a.get("value", ""))
        elif tag == "textarea":
            self._textarea = fields[name] = Field(name, "textarea")
        elif tag == "select":
            self._select = fields[name] = Field(name, "select", multiple="multiple" in a)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def post_forms(html: str, page_url: str) -> list[Form]:
    """The page's forms that post to this site, each with its named fields."""
    parser = _FormParser(page_url)
    parser.feed(html)
    return parser.forms
