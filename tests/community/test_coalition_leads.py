"""Coalition leads: demining is led by Lithuania, so the Lithuanian committee team
moderates its threads, curates its page and sees its meeting figures; each action is
audited; the Latvian team, member delegates and strangers get 403."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from matchforum.audit.models import AuditEntry
from matchforum.community.models import CoalitionPage, Post, Thread
from matchforum.community.selectors import coalition_meeting_figures
from matchforum.community.services import coalition_page_curate, thread_start
from matchforum.forums.models import CommitteeRole
from matchforum.meetings.models import MeetingStatus
from tests.factories import (
    CooperationProfileFactory,
    MeetingRequestFactory,
    UserFactory,
    committee_seat,
    meeting_build,
)


@pytest.fixture
def teams(forum):
    forum.participating_countries = ["LT", "LV"]
    forum.save(update_fields=["participating_countries"])
    lithuanian = UserFactory(email="lt.team@example.org")
    committee_seat(lithuanian, role=CommitteeRole.VETTING_OFFICER, country="LT", forum=forum)
    latvian = UserFactory(email="lv.team@example.org")
    committee_seat(latvian, role=CommitteeRole.ORGANISER, country="LV", forum=forum)
    return {"lt": lithuanian, "lv": latvian}


@pytest.fixture
def thread(forum, member, demining):
    return thread_start(
        user=member.user, forum=forum, track=demining, kind="lessons", title="Clay", body="Hi."
    )


def _entries(action):
    return AuditEntry.objects.filter(action=action)


def test_demining_is_led_by_lithuania(demining):
    assert demining.lead_country == "LT"


def test_the_lead_team_locks_a_thread_and_it_is_audited(client, teams, thread):
    client.force_login(teams["lt"])
    response = client.post(f"/coalitions/threads/{thread.pk}/lock/", {"locked": "1"})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.is_locked
    [entry] = _entries(AuditEntry.Action.COALITION_MODERATED)
    assert entry.actor == teams["lt"]
    assert entry.data["as"] == "LT" and entry.data["locked"] is True


def test_the_lead_team_hides_a_post_and_it_is_audited(client, teams, thread):
    post = thread.posts.get()
    client.force_login(teams["lt"])
    assert client.post(f"/coalitions/posts/{post.pk}/hide/", {"hidden": "1"}).status_code == 302
    post.refresh_from_db()
    assert post.is_hidden and post.hidden_by == teams["lt"]
    assert _entries(AuditEntry.Action.COALITION_MODERATED).get().target_id == str(post.pk)


@pytest.mark.parametrize("who", ["lv", "member", "stranger"])
def test_others_cannot_moderate(client, teams, thread, member, who):
    user = {"lv": teams["lv"], "member": member.user, "stranger": UserFactory()}[who]
    client.force_login(user)
    post = thread.posts.get()
    lock = client.post(f"/coalitions/threads/{thread.pk}/lock/", {"locked": "1"})
    hide = client.post(f"/coalitions/posts/{post.pk}/hide/", {"hidden": "1"})
    # Who is not a member does not see the thread at all (404); a member is refused (403).
    expected = 403 if who == "member" else 404
    assert (lock.status_code, hide.status_code) == (expected, expected)
    assert not Thread.objects.get(pk=thread.pk).is_locked
    assert not Post.objects.get(pk=post.pk).is_hidden
    assert not _entries(AuditEntry.Action.COALITION_MODERATED).exists()


def test_the_thread_page_shows_moderation_to_the_lead_team_only(client, teams, thread, member):
    client.force_login(teams["lt"])
    assert "Lock the thread" in client.get(f"/coalitions/threads/{thread.pk}/").content.decode()
    client.force_login(member.user)
    assert "Lock the thread" not in client.get(f"/coalitions/threads/{thread.pk}/").content.decode()


def test_the_lead_team_curates_the_page(client, teams, member, demining):
    need = CooperationProfileFactory(organisation=member.organisation, side="need", title="Rollers")
    need.tracks.add(demining)
    client.force_login(teams["lt"])
    response = client.post(
        "/coalitions/demining/curate/",
        {"pinned_note": "Field trials on 17 March.", "featured": [need.pk]},
    )
    assert response.status_code == 302
    page = client.get("/coalitions/demining/").content.decode()
    assert "Field trials on 17 March." in page
    assert 'id="featured"' in page and "Rollers" in page
    entry = _entries(AuditEntry.Action.COALITION_CURATED).get()
    assert entry.data["featured"] == [need.pk] and entry.actor == teams["lt"]


def test_an_item_outside_the_coalition_cannot_be_featured(forum, teams, member, demining):
    elsewhere = CooperationProfileFactory(organisation=member.organisation, title="Radar")
    with pytest.raises(ValidationError, match="Radar"):
        coalition_page_curate(
            user=teams["lt"], forum=forum, track=demining, pinned_note="", featured=[elsewhere]
        )
    assert not CoalitionPage.objects.exists()


@pytest.mark.parametrize("who", ["lv", "member", "stranger"])
def test_others_get_403_on_curation_and_figures(client, teams, member, who):
    user = {"lv": teams["lv"], "member": member.user, "stranger": UserFactory()}[who]
    client.force_login(user)
    assert client.get("/coalitions/demining/curate/").status_code == 403
    assert client.post("/coalitions/demining/curate/", {"pinned_note": "x"}).status_code == 403
    assert client.get("/coalitions/demining/figures/").status_code == 403
    assert not CoalitionPage.objects.exists()
    assert not _entries(AuditEntry.Action.COALITION_FIGURES_VIEWED).exists()


def test_the_lead_team_sees_the_meeting_figures_and_the_look_is_audited(
    client, forum, teams, member, make_delegate
):
    other = make_delegate(name="Sky Optics")
    MeetingRequestFactory(sender=member, recipient_organisation=other.organisation)
    meeting_build(member, other, status=MeetingStatus.HELD)
    meeting_build(member, make_delegate(), status=MeetingStatus.CANCELLED)
    assert coalition_meeting_figures(forum=forum, track=member.organisation.tracks.get()) == {
        "requests": 1,
        "requests_accepted": 0,
        "meetings": 1,
        "held": 1,
    }
    client.force_login(teams["lt"])
    page = client.get("/coalitions/demining/figures/")
    assert page.status_code == 200
    assert 'id="figure-held">1<' in page.content.decode()
    entry = _entries(AuditEntry.Action.COALITION_FIGURES_VIEWED).get()
    assert entry.actor == teams["lt"] and entry.data["track"] == "demining"


def test_the_chair_organisers_lead_every_coalition(client, organiser, thread):
    client.force_login(organiser)
    assert client.get("/coalitions/demining/figures/").status_code == 200
    assert client.post(f"/coalitions/threads/{thread.pk}/lock/", {"locked": "1"}).status_code == 302
    assert _entries(AuditEntry.Action.COALITION_MODERATED).get().data["as"] == "chair"


def test_the_track_page_offers_the_lead_tools_to_the_lead_team_only(client, teams, member):
    client.force_login(teams["lt"])
    assert 'id="lead-tools"' in client.get("/coalitions/demining/").content.decode()
    client.force_login(teams["lv"])
    assert 'id="lead-tools"' not in client.get("/coalitions/demining/").content.decode()
