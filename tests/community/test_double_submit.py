"""The same form sent twice makes one post; a reused form with a new message still posts."""

from __future__ import annotations

import re

import pytest

from matchforum.community.models import Post, Thread
from matchforum.community.services import thread_reply, thread_start

pytestmark = pytest.mark.django_db


def _key_of(page: str) -> str:
    [key] = re.findall(r'name="submission_key" value="([^"]+)"', page)
    return key


def _thread(forum, track, user) -> Thread:
    return thread_start(
        user=user, forum=forum, track=track, kind="lessons", title="Clay soil", body="What we saw."
    )


def test_a_reply_sent_twice_is_posted_once(client, forum, member, demining):
    thread = _thread(forum, demining, member.user)
    client.force_login(member.user)
    url = f"/coalitions/threads/{thread.pk}/"
    key = _key_of(client.get(url).content.decode())
    sent = {"body": "Same result in Latgale.", "submission_key": key}
    first, second = client.post(url, sent), client.post(url, sent)
    assert (first.status_code, second.status_code) == (302, 302)
    assert thread.posts.filter(body="Same result in Latgale.").count() == 1
    # The next page shows a fresh key, so the next reply is its own post.
    fresh = _key_of(client.get(url).content.decode())
    assert fresh != key
    client.post(url, {"body": "Same result in Latgale.", "submission_key": fresh})
    assert thread.posts.filter(body="Same result in Latgale.").count() == 2


def test_a_thread_sent_twice_is_opened_once(client, member):
    client.force_login(member.user)
    url = "/coalitions/demining/threads/new/"
    key = _key_of(client.get(url).content.decode())
    sent = {"kind": "lessons", "title": "Trial at Pabradė", "body": "97%.", "submission_key": key}
    first, second = client.post(url, sent), client.post(url, sent)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Thread.objects.filter(title="Trial at Pabradė").count() == 1


def test_an_old_form_sent_with_another_message_loses_nothing(forum, member, demining):
    thread = _thread(forum, demining, member.user)
    thread_reply(user=member.user, thread=thread, body="First.", submission_key="k1")
    thread_reply(
        user=member.user, thread=thread, body="Second, from the same page.", submission_key="k1"
    )
    assert list(thread.posts.values_list("body", flat=True)) == [
        "What we saw.",
        "First.",
        "Second, from the same page.",
    ]


def test_keys_are_per_author(forum, member, make_delegate, demining):
    colleague = make_delegate()
    colleague.organisation.tracks.add(demining)
    thread = _thread(forum, demining, member.user)
    thread_reply(user=member.user, thread=thread, body="Agreed.", submission_key="same")
    thread_reply(user=colleague.user, thread=thread, body="Agreed.", submission_key="same")
    assert Post.objects.filter(body="Agreed.").count() == 2


def test_posts_without_a_key_are_never_merged(forum, member, demining):
    thread = _thread(forum, demining, member.user)
    thread_reply(user=member.user, thread=thread, body="+1")
    thread_reply(user=member.user, thread=thread, body="+1")
    assert thread.posts.filter(body="+1").count() == 2
