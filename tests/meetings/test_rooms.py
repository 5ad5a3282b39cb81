"""Online rooms: unguessable names, attendees only, a JWT room token when the forum runs
Jitsi Meet, the link template otherwise, a test room per person; the secret is never
shown back."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from django.urls import reverse
from django.utils import timezone

from matchforum.console.forms import ForumSetupForm
from matchforum.forums.models import Slot
from matchforum.meetings.models import Meeting, MeetingMode
from matchforum.meetings.rooms import camera_test_room_name, meeting_room_name, room_token
from matchforum.meetings.services import meeting_place
from tests.factories import DelegateFactory, UserFactory, meeting_build, schedule_publish_live

pytestmark = pytest.mark.django_db

SECRET = "a-long-shared-secret-of-the-jitsi-server"


@pytest.fixture
def online(forum, make_delegate):
    meeting = meeting_build(make_delegate(), make_delegate(), mode=MeetingMode.ONLINE)
    slot = Slot.objects.filter(session__day__forum=forum).order_by("starts_at").first()
    return meeting_place(meeting=meeting, slot=slot, table=None, online=True)


@pytest.fixture
def jitsi(forum):
    forum.video_url = "https://meet.example.org"
    forum.video_app_id = "matchforum"
    forum.video_secret = SECRET
    forum.save()
    return forum


def camera_test_room_names_are_random_not_the_meeting_number(online, make_delegate):
    other = meeting_build(make_delegate(), make_delegate())
    assert online.room_token != other.room_token and len(online.room_token) >= 24
    assert meeting_room_name(online) != f"mf-{online.pk}"


def test_the_token_claims_let_the_user_into_this_room_only(jitsi, online):
    user = online.delegate_a.user
    now = timezone.now()
    token = room_token(forum=jitsi, room=meeting_room_name(online), user=user, now=now)
    claims = jwt.decode(token, SECRET, algorithms=["HS256"], audience="jitsi")
    assert claims["room"] == meeting_room_name(online)
    assert claims["iss"] == "matchforum" and claims["sub"] == "meet.example.org"
    assert claims["context"]["user"]["name"] == user.full_name
    assert dt.timedelta(hours=1) <= dt.timedelta(seconds=claims["exp"] - claims["iat"])
    assert claims["exp"] - claims["iat"] <= 6 * 3600
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, "another secret", algorithms=["HS256"], audience="jitsi")


def test_an_attendee_is_sent_to_the_room_with_a_token(client, jitsi, online):
    client.force_login(online.delegate_b.user)
    response = client.get(reverse("meetings:room", args=[online.pk]))
    assert response.status_code == 302
    address = urlsplit(response["Location"])
    assert address.netloc == "meet.example.org"
    assert address.path == f"/{meeting_room_name(online)}"
    token = parse_qs(address.query)["jwt"][0]
    claims = jwt.decode(token, SECRET, algorithms=["HS256"], audience="jitsi")
    assert claims["room"] == meeting_room_name(online)
    assert "no-store" in response["Cache-Control"]


def test_a_non_attendee_is_refused(client, jitsi, online, make_delegate):
    url = reverse("meetings:room", args=[online.pk])
    for user in (make_delegate().user, DelegateFactory(organisation=online.organisation_a).user):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(UserFactory())  # not a delegate at all
    assert client.get(url).status_code == 403


def test_without_a_video_system_the_template_gets_the_room_name(client, forum, online):
    forum.online_meeting_url_template = "https://rooms.example.org/forum/{meeting}"
    forum.save()
    client.force_login(online.delegate_a.user)
    response = client.get(reverse("meetings:room", args=[online.pk]))
    assert response["Location"] == f"https://rooms.example.org/forum/{meeting_room_name(online)}"
    assert "jwt" not in response["Location"]


def test_the_agenda_links_the_room_page_not_the_video_system(client, jitsi, online):
    schedule_publish_live(forum=jitsi)
    client.force_login(online.delegate_a.user)
    page = client.get(reverse("agenda:agenda")).content.decode()
    assert reverse("meetings:room", args=[online.pk]) in page
    assert "meet.example.org" not in page and 'id="test-room"' in page


def test_each_person_has_a_test_room_of_their_own(client, jitsi, online):
    a, b = online.delegate_a.user, online.delegate_b.user
    assert camera_test_room_name(a) != camera_test_room_name(b)
    client.force_login(a)
    response = client.get(reverse("meetings:room_test"))
    assert urlsplit(response["Location"]).path == f"/{camera_test_room_name(a)}"


def _setup_data(forum, **changes):
    form = ForumSetupForm(instance=forum)
    data = {name: form[name].value() for name in form.fields if name != "video_secret_clear"}
    data = {k: v for k, v in data.items() if v is not None}
    data["languages"] = forum.languages
    data.update(changes)
    return data


def test_the_settings_form_validates_the_address_and_never_shows_the_secret(jitsi):
    form = ForumSetupForm(instance=jitsi)
    html = form.as_div()
    assert SECRET not in html and SECRET[-4:] in html
    form = ForumSetupForm(_setup_data(jitsi, video_url="ftp://meet"), instance=jitsi)
    assert not form.is_valid() and "video_url" in form.errors
    jitsi.refresh_from_db()  # a refused form leaves its values on the instance
    form = ForumSetupForm(_setup_data(jitsi, video_secret=""), instance=jitsi)
    assert form.is_valid(), form.errors
    assert form.save().video_secret == SECRET  # left empty: kept


def test_existing_meetings_got_distinct_room_tokens(online, make_delegate):
    meeting_build(make_delegate(), make_delegate())
    tokens = list(Meeting.objects.values_list("room_token", flat=True))
    assert len(set(tokens)) == len(tokens) and all(tokens)
