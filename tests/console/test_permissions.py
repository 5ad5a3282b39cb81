"""Organisers open every console page; vetting officers only vetting; delegates none."""

import pytest
from django.urls import reverse

from matchforum.forums.models import Session
from matchforum.schedules.models import SchedulingRun

pytestmark = pytest.mark.django_db

VETTING = {
    "console:home",
    "console:vetting",
    "console:vetting_detail",
    "console:organisation_search",
}
POST_ONLY = {
    "console:session_remove",
    "console:run_cancel",
    "console:run_publish",
    "console:meeting_action",
    "console:meeting_cancel_undo",
    "console:checkin_toggle",
    "console:badge_renew",
    "console:badge_batch_start",
    "console:registration_import_confirm",
    "console:vetting_move_team",
    "console:vetting_accreditation_level",
    "console:classification_review",
    "console:committee_member_remove",
}
# A chair vetting officer may move an organisation, grant a level and review a
# classification: an empty form is sent back to the page.
VETTING_REDIRECTS = {
    "console:vetting_move_team",
    "console:vetting_accreditation_level",
    "console:classification_review",
}


def _urls(forum, make_delegate, organiser):
    delegate = make_delegate()
    session = Session.objects.filter(day__forum=forum).first()
    run = SchedulingRun.objects.create(forum=forum, created_by=organiser)
    from tests.factories import CooperationProfileFactory, meeting_build

    meeting = meeting_build(delegate, make_delegate())
    from matchforum.organisations.models import RegistrationImport

    registration_import = RegistrationImport.objects.create(
        forum=forum, created_by=organiser, filename="list.csv", dry_run=True
    )
    from matchforum.badges.models import BadgeBatch, BadgeBatchState

    batch = BadgeBatch.objects.create(forum=forum, state=BadgeBatchState.DONE, pdf=b"%PDF-1.4")
    args = {
        "console:badge_batch": [batch.pk],
        "console:badge_batch_pdf": [batch.pk],
        "console:session_edit": [session.pk],
        "console:session_remove": [session.pk],
        "console:vetting_detail": [delegate.organisation_id],
        "console:run_detail": [run.pk],
        "console:run_progress": [run.pk],
        "console:run_cancel": [run.pk],
        "console:run_publish": [run.pk],
        "console:meeting_action": [meeting.pk],
        "console:meeting_cancel": [meeting.pk],
        "console:meeting_cancel_undo": [meeting.pk],
        "console:checkin_toggle": [delegate.pk],
        "console:badge_pdf": [delegate.pk],
        "console:badge_renew": [delegate.pk],
        "console:export": ["meetings", "csv"],
        "console:registration_template": ["xlsx"],
        "console:registration_import_job": [registration_import.pk],
        "console:registration_import_confirm": [registration_import.pk],
        "console:vetting_move_team": [delegate.organisation_id],
        "console:vetting_accreditation_level": [delegate.organisation_id],
        "console:classification_review": [
            CooperationProfileFactory(organisation=delegate.organisation).pk
        ],
        "console:committee_member_remove": [organiser.committee_memberships.get().pk],
    }
    from matchforum.console.urls import urlpatterns

    names = [f"console:{p.name}" for p in urlpatterns]
    return delegate, {name: reverse(name, args=args.get(name, [])) for name in names}


def test_delegates_get_403_on_every_console_url(client, forum, make_delegate, organiser):
    delegate, urls = _urls(forum, make_delegate, organiser)
    client.force_login(delegate.user)
    for name, url in urls.items():
        response = client.post(url) if name in POST_ONLY else client.get(url)
        assert response.status_code == 403, name


def test_anonymous_visitors_are_sent_to_sign_in(client, forum, make_delegate, organiser):
    _delegate, urls = _urls(forum, make_delegate, organiser)
    for name, url in urls.items():
        response = client.post(url) if name in POST_ONLY else client.get(url)
        assert response.status_code == 302, name
        assert reverse("accounts:login") in response["Location"]


def test_vetting_officers_only_reach_vetting(
    client, forum, make_delegate, organiser, vetting_officer
):
    _delegate, urls = _urls(forum, make_delegate, organiser)
    client.force_login(vetting_officer)
    for name, url in urls.items():
        response = client.post(url) if name in POST_ONLY else client.get(url)
        expected = 200 if name in VETTING else 302 if name in VETTING_REDIRECTS else 403
        assert response.status_code == expected, name


def test_organisers_open_every_console_page(client, forum, make_delegate, organiser):
    _delegate, urls = _urls(forum, make_delegate, organiser)
    client.force_login(organiser)
    for name, url in urls.items():
        if name in POST_ONLY:
            continue
        response = client.get(url)
        assert response.status_code == 200, (name, response.content[:500])
