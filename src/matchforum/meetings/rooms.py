"""Online rooms: an unguessable name per meeting (and a test room per person), and the
address that opens it in the forum's video system.

With a Jitsi Meet address, app id and secret in the forum's settings, the address
carries a JWT room token (HS256, the Jitsi token authentication's format) valid for that
one room for `ROOM_TOKEN_HOURS`; otherwise the forum's link template gets the room name.
Who may open a room is checked by the room view (meetings/views.py), never here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from urllib.parse import quote, urlsplit

import jwt
from django.conf import settings
from django.utils import timezone

from matchforum.accounts.models import User
from matchforum.forums.models import Forum

from .models import Meeting

ROOM_TOKEN_HOURS = 4  # a day's meeting block, not a standing pass


def meeting_room_name(meeting: Meeting) -> str:
    return f"mf-{meeting.room_token}"


def camera_test_room_name(user: User) -> str:
    """A person's own room to try camera and microphone: stable, and unguessable by
    others (keyed with the site's secret)."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"test-room:{user.pk}".encode(), hashlib.sha256
    ).hexdigest()
    return f"mf-test-{digest[:24]}"


def video_configured(forum: Forum) -> bool:
    """Whether the forum has a video system or a link template to send people to."""
    return bool(forum.video_url or forum.online_meeting_url_template)


def room_token(*, forum: Forum, room: str, user: User, now: dt.datetime | None = None) -> str:
    """A JWT that lets `user` into `room` only, for a few hours."""
    now = now or timezone.now()
    claims = {
        "aud": "jitsi",
        "iss": forum.video_app_id,
        "sub": urlsplit(forum.video_url).hostname or "*",
        "room": room,
        "iat": int(now.timestamp()),
        "nbf": int(now.timestamp()),
        "exp": int((now + dt.timedelta(hours=ROOM_TOKEN_HOURS)).timestamp()),
        "context": {"user": {"name": user.full_name or user.email}},
    }
    return jwt.encode(claims, forum.video_secret, algorithm="HS256")


def room_address(*, forum: Forum, room: str, user: User) -> str:
    """Where the room opens for this user ("" when the forum has no video system)."""
    if forum.video_url:
        address = f"{forum.video_url.rstrip('/')}/{quote(room)}"
        if forum.video_secret and forum.video_app_id:
            address += f"?jwt={room_token(forum=forum, room=room, user=user)}"
        return address
    template = forum.online_meeting_url_template
    return template.replace("{meeting}", quote(room)) if template else ""
