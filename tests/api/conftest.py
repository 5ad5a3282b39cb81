"""Shared fixtures of the API tests."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def api_calls_in_a_row(no_throttles, fast_hashing):
    """API tests call endpoints many times in a row: no throttles, a fast password hasher."""
