"""Fuzz every HTML form of the site (hypothesis).

The targets are found, not listed: every page of the URL resolver (the permission
matrix says how to reach it and which roles see it) is rendered for each role that may
see it, and each of its POST forms is read with the HTML parser. Each form is then posted
with mutated fields: hostile and random text, wrong types, out-of-range numbers and
dates, missing fields. Every answer must be 2xx, 3xx or 4xx, and any text stored must be
the whole text sent (only the documented normalisations, see stored_text.py).

FUZZ_EXAMPLES (default 10, sized for CI) sets the examples per form; the run is derandomised, so CI
is reproducible.
"""

from __future__ import annotations

import os
import traceback

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.fuzz_values import marked, text_values, wrong_values
from tests.security.html_forms import Field, Form, post_forms
from tests.security.matrix import MATRIX
from tests.security.routes import routes_in_scope
from tests.security.stored_text import stored_markers

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
ROLES = ["anonymous", "own", "vetting", "organiser"]
MISSING = object()
KEEP_AS_IS = {"csrfmiddlewaretoken"}


def pages_of(role: str, world) -> list[str]:
    """The URLs of every named page that `role` may open (status 200 in the matrix)."""
    names = {name for _pattern, name in routes_in_scope() if name}
    urls = []
    for name in sorted(names):
        if name.startswith("api:"):
            continue
        for op in MATRIX.get(name, []):
            if op.method == "GET" and op.expect[role] == 200:
                urls.append(reverse(name, kwargs=op.kwargs(world)))
    return urls


def forms_of(role: str, world, client: Client) -> list[Form]:
    found: dict[tuple, Form] = {}
    for url in pages_of(role, world):
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for form in post_forms(response.content.decode(), url):
            found.setdefault(form.key(), form)
    return [found[key] for key in sorted(found)]


def field_value(f: Field):
    """A strategy of (marker or None, value) for one field; value may be MISSING."""
    keep = st.just((None, f.checked if f.multiple else (f.checked or [f.value])[0]))
    missing = st.just((None, MISSING))
    text = text_values.map(marked)
    wrong = wrong_values.map(lambda v: (None, v))
    if f.name in KEEP_AS_IS:
        return keep
    if f.kind == "file":
        name = text_values.map(lambda t: (None, SimpleUploadedFile(t[:300] or "x", b"%PDF-1.4")))
        return st.one_of(missing, name)
    if f.kind in {"checkbox", "radio", "select", "submit"}:
        choices = f.options or [""]
        if f.multiple:
            picked = st.lists(st.sampled_from(choices), unique=True).map(lambda v: (None, v))
        else:
            picked = st.sampled_from(choices).map(lambda v: (None, v))
        return st.one_of(keep, keep, picked, missing, wrong, text)
    # Kept as rendered more often than not, so that a mutated field often meets valid
    # others and the write is accepted (and its stored text checked).
    return st.one_of(keep, keep, text, text, missing, wrong)


def form_values(form: Form):
    return st.fixed_dictionaries({name: field_value(f) for name, f in form.fields.items()})


def fuzz_form(client: Client, form: Form, sign_in) -> tuple[list[str], int]:
    """Post the form EXAMPLES times: the problems found (at most one of each kind), and
    how many stored cells held text sent."""
    problems: dict[str, str] = {}
    stored = 0

    @given(values=form_values(form))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def run(values):
        nonlocal stored
        sign_in()
        data = {name: value for name, (_m, value) in values.items() if value is not MISSING}
        sent = {marker: value for marker, value in values.values() if marker}
        try:
            with transaction.atomic():
                response = client.post(form.action, data)  # multipart, as a browser sends
                if response.status_code >= 500:
                    problems.setdefault("5xx", f"{response.status_code} for {_short(data)}")
                found, altered = stored_markers(sent) if response.status_code < 400 else (0, [])
                stored += found
                if altered:
                    problems.setdefault("altered", f"{altered[0]} (sent {_short(data)})")
        except Exception as exc:  # a server error raised through the test client
            detail = traceback.format_exception_only(exc)[-1].strip()
            problems.setdefault("5xx", f"{detail} for {_short(data)}")

    run()
    return [f"POST {form.action}: {kind}: {text}" for kind, text in problems.items()], stored


def _short(data: dict) -> str:
    return repr(
        {k: (v[:40] + "…" if isinstance(v, str) and len(v) > 40 else v) for k, v in data.items()}
    )[:400]


@pytest.fixture
def fuzz_settings(settings, no_throttles, tmp_path):
    settings.AXES_ENABLED = False
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.slow
@pytest.mark.parametrize("role", ROLES)
def test_fuzz_every_form_as(role, world, fuzz_settings):
    client = Client()
    user = world.users[role]

    def sign_in():
        if user is None:
            client.logout()
        else:
            client.force_login(user)

    sign_in()
    forms = forms_of(role, world, client)
    assert forms, f"no form found for {role}"
    failures: list[str] = []
    stored = 0
    for form in forms:
        problems, found = fuzz_form(client, form, sign_in)
        failures += problems
        stored += found
    assert not failures, f"{len(forms)} forms fuzzed as {role}:\n" + "\n".join(failures)
    assert stored, "no form stored any text sent: the truncation check proved nothing"
