"""Amounts of money grouped in thousands the way the reader's language writes them."""

from __future__ import annotations

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def grouped(value: int | None) -> str:
    """`{{ 530000|grouped }}` → "530,000" in en, "530 000" in uk; empty for None.

    Grouping is forced here rather than by USE_THOUSAND_SEPARATOR, which would also
    group ids, years and table numbers everywhere else.
    """
    if value is None or value == "":
        return ""
    return formats.number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)
