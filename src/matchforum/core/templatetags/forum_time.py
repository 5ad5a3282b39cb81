"""Times in the forum's time zone, with the viewer's own when it differs."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import template
from django.utils import formats
from django.utils.html import format_html

register = template.Library()


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


@register.simple_tag(takes_context=True)
def forum_time(context, value: dt.datetime | None, fmt: str = "DATETIME_FORMAT"):
    """`{% forum_time request.created_at %}` → "16 March 2027, 09:00" (+ "08:00 your time").

    The default is the reader's language's own date and time format, with the year.
    """
    if value is None:
        return ""
    forum = context.get("current_forum")
    forum_zone = _zone(getattr(forum, "time_zone", None)) or ZoneInfo("Europe/Kyiv")
    local = value.astimezone(forum_zone)
    text = formats.date_format(local, fmt)
    user = context.get("user")
    own = _zone(getattr(user, "time_zone", None))
    if own is not None and own.key != forum_zone.key:
        mine = value.astimezone(own)
        if mine.utcoffset() != local.utcoffset():
            return format_html(
                '<time datetime="{}">{}</time> <span class="muted own-time">({} {})</span>',
                value.isoformat(),
                text,
                formats.date_format(mine, "H:i"),
                own.key.split("/")[-1].replace("_", " "),
            )
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), text)
