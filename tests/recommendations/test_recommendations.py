import pytest

from matchforum.meetings.services import meeting_request_send
from matchforum.organisations.models import Accreditation, Visibility
from matchforum.recommendations.mapping import forum_to_matcher
from matchforum.recommendations.models import Dismissal, Recommendation
from matchforum.recommendations.services import (
    recommendations_recompute_forum,
    recommendations_recompute_organisation,
)
from tests.factories import CooperationProfileFactory, DelegateFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _pair(forum):
    """A demining buyer who needs detectors, and a producer who offers them."""
    buyer = DelegateFactory(
        organisation__forum=forum,
        organisation__name="Lithuanian Armed Forces",
        organisation__kind="buyer",
        organisation__country="LT",
    )
    producer = DelegateFactory(
        organisation__forum=forum, organisation__name="Kyiv Sensors", organisation__country="UA"
    )
    CooperationProfileFactory(
        organisation=buyer.organisation,
        side="need",
        kind="product",
        title="Mine detectors for humanitarian demining",
        description="We need ground penetrating radar mine detectors for demining teams.",
        countries_of_interest=["UA"],
    )
    CooperationProfileFactory(
        organisation=producer.organisation,
        side="offer",
        kind="product",
        title="Ground penetrating radar mine detector",
        description="Handheld ground penetrating radar mine detector for demining.",
    )
    CooperationProfileFactory(
        organisation=producer.organisation,
        side="need",
        kind="investment",
        title="Investment to scale production",
        description="We look for an investor to scale production of mine detectors.",
    )
    return buyer, producer


def test_mapping_gives_the_matcher_only_approved_organisations_and_published_profiles(forum):
    buyer, producer = _pair(forum)
    pending = OrganisationFactory(forum=forum, accreditation=Accreditation.PENDING)
    CooperationProfileFactory(organisation=pending)
    CooperationProfileFactory(organisation=producer.organisation, is_active=False, title="Draft")
    unlisted = OrganisationFactory(forum=forum, visibility=Visibility.UNLISTED)
    data = forum_to_matcher(forum)
    ids = {o.id for o in data.organisations}
    assert str(pending.pk) not in ids
    assert {str(buyer.organisation.pk), str(producer.organisation.pk)} <= ids
    assert "Draft" not in {p.title for p in data.profiles}
    assert next(o for o in data.organisations if o.id == str(unlisted.pk)).opted_out


def test_recompute_stores_explained_recommendations_both_ways(forum):
    buyer, producer = _pair(forum)
    stored = recommendations_recompute_forum(forum=forum)
    assert stored >= 2
    rec = Recommendation.objects.get(
        organisation=buyer.organisation, counterpart=producer.organisation
    )
    pair = rec.explanation["they_answer_you"]
    assert pair["offer_title"] == "Ground penetrating radar mine detector"
    assert pair["need_title"] == "Mine detectors for humanitarian demining"
    assert Recommendation.objects.filter(
        organisation=producer.organisation, counterpart=buyer.organisation
    ).exists()


def test_dismissed_and_requested_pairs_are_excluded_by_the_matcher(forum):
    buyer, producer = _pair(forum)
    third = DelegateFactory(organisation__forum=forum, organisation__name="Riga Robotics")
    CooperationProfileFactory(
        organisation=third.organisation,
        side="offer",
        title="Demining robot",
        description="Remote-controlled demining robot with mine detector.",
    )
    Dismissal.objects.create(organisation=buyer.organisation, counterpart=producer.organisation)
    meeting_request_send(sender=buyer, recipient_organisation=third.organisation)
    recommendations_recompute_forum(forum=forum)
    counterparts = set(
        Recommendation.objects.filter(organisation=buyer.organisation).values_list(
            "counterpart_id", flat=True
        )
    )
    assert producer.organisation.pk not in counterparts
    assert third.organisation.pk not in counterparts


def test_recompute_after_an_edit_updates_the_lists_the_organisation_enters(forum):
    buyer, _producer = _pair(forum)
    newcomer = DelegateFactory(organisation__forum=forum, organisation__name="Tallinn Detect")
    recommendations_recompute_forum(forum=forum)

    def answer_to_buyer():
        rec = Recommendation.objects.filter(
            organisation=buyer.organisation, counterpart=newcomer.organisation
        ).first()
        return rec and (rec.explanation.get("they_answer_you") or {}).get("offer_title")

    assert not answer_to_buyer()
    CooperationProfileFactory(
        organisation=newcomer.organisation,
        side="offer",
        title="Mine detector with ground penetrating radar",
        description="Ground penetrating radar mine detector for demining teams.",
    )
    recommendations_recompute_organisation(organisation=newcomer.organisation)
    assert answer_to_buyer() == "Mine detector with ground penetrating radar"
    assert Recommendation.objects.filter(organisation=newcomer.organisation).exists()


def test_a_forum_with_one_approved_organisation_has_no_recommendations(forum):
    DelegateFactory(organisation__forum=forum)
    assert recommendations_recompute_forum(forum=forum) == 0


def test_one_click_request_and_not_interested_with_htmx(client, forum):
    from matchforum.meetings.models import MeetingRequest
    from tests.factories import RecommendationFactory

    viewer = DelegateFactory(organisation__forum=forum)
    wanted = OrganisationFactory(forum=forum, name="Wanted Partner")
    unwanted = OrganisationFactory(forum=forum, name="Unwanted Partner")
    RecommendationFactory(organisation=viewer.organisation, counterpart=wanted, rank=1)
    RecommendationFactory(organisation=viewer.organisation, counterpart=unwanted, rank=2)
    client.force_login(viewer.user)
    response = client.post(
        f"/meetings/request/{wanted.pk}/",
        {"session_wish": "any", "compact": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert "Your meeting request is sent." in response.content.decode()
    assert MeetingRequest.objects.filter(
        sender=viewer, recipient_organisation=wanted, status="pending"
    ).exists()
    response = client.post(
        f"/recommendations/{unwanted.pk}/not-interested/", HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and response.content == b""
    assert Dismissal.objects.filter(organisation=viewer.organisation, counterpart=unwanted).exists()
    assert not Recommendation.objects.filter(counterpart=unwanted).exists()
    page = client.get("/recommendations/").content.decode()
    assert "Waiting for their answer" in page


def test_no_reason_is_given_from_a_term_that_did_not_score(client, forum):
    buyer, _producer = _pair(forum)
    buyer.organisation.profiles.update(countries_of_interest=[])
    recommendations_recompute_forum(forum=forum)
    client.force_login(buyer.user)
    page = client.get("/recommendations/").content.decode()
    assert "Ground penetrating radar mine detector" in page
    assert "Across borders" not in page  # the buyer did not ask for Ukrainian offers


def test_the_explanation_is_worded_in_the_readers_language(client, forum):
    from matchforum.forums.models import CapabilityTrack

    buyer, producer = _pair(forum)
    demining = CapabilityTrack.objects.get(slug="demining")
    buyer.organisation.tracks.add(demining)
    producer.organisation.tracks.add(demining)
    recommendations_recompute_forum(forum=forum)
    client.force_login(buyer.user)
    english = client.get("/recommendations/").content.decode()
    assert "Across borders: Lithuania and Ukraine." in english
    assert "A producer meets a buyer." in english
    buyer.user.preferred_language = "uk"
    buyer.user.save(update_fields=["preferred_language"])
    ukrainian = client.get("/recommendations/").content.decode()
    assert '<span class="badge">Розмінування</span>' in ukrainian
    assert "Виробник зустрічається із замовником." in ukrainian
    assert "Ground penetrating radar mine detector" in ukrainian  # user content as written
    assert "shared tracks" not in ukrainian.lower()
    assert "cross-border" not in ukrainian and "producer meets buyer" not in ukrainian


def test_a_model_failure_keeps_the_previous_lists_and_says_why(forum, settings, tmp_path):
    from matchforum.recommendations.models import MatchingStatus

    _buyer, producer = _pair(forum)
    assert recommendations_recompute_forum(forum=forum) > 0
    before = list(Recommendation.objects.values_list("organisation_id", "counterpart_id"))
    CooperationProfileFactory(
        organisation=producer.organisation,
        side="offer",
        kind="product",
        title="Demining drones with magnetometers",
        description="A text no model has embedded yet.",
    )
    settings.EMBEDDING_MODEL_PATH = str(tmp_path / "missing-model.bin")
    assert recommendations_recompute_forum(forum=forum) == 0
    after = list(Recommendation.objects.values_list("organisation_id", "counterpart_id"))
    assert after == before
    status = MatchingStatus.objects.get(forum=forum)
    assert status.state == MatchingStatus.State.FAILED
    assert "could not be loaded" in status.message


def test_an_edit_updates_the_cached_index_in_place_and_equals_a_full_rebuild(forum):
    from matchforum.recommendations import services

    buyer, producer = _pair(forum)
    third = DelegateFactory(organisation__forum=forum, organisation__country="PL")
    CooperationProfileFactory(
        organisation=third.organisation,
        side="offer",
        kind="product",
        title="Metal detectors for demining",
        description="Pulse induction metal detectors for humanitarian demining teams.",
    )
    recommendations_recompute_forum(forum=forum)
    cached = services._INDEXES[forum.pk]
    CooperationProfileFactory(
        organisation=third.organisation,
        side="need",
        kind="investment",
        title="Growth capital for detector production",
        description="We seek an investor to expand production of demining detectors.",
    )
    recommendations_recompute_organisation(organisation=third.organisation)
    assert services._INDEXES[forum.pk] is cached  # updated in place, not rebuilt
    incremental = {
        org: list(
            Recommendation.objects.filter(organisation_id=org).values_list("counterpart_id", "rank")
        )
        for org in (third.organisation_id, buyer.organisation_id, producer.organisation_id)
    }
    services._INDEXES.clear()
    recommendations_recompute_forum(forum=forum)
    for org, lists in incremental.items():
        full = list(
            Recommendation.objects.filter(organisation_id=org).values_list("counterpart_id", "rank")
        )
        assert lists == full, org


def test_the_organiser_sees_where_the_recommendation_run_stands(client, forum, organiser):
    _pair(forum)
    recommendations_recompute_forum(forum=forum)
    client.force_login(organiser)
    page = client.get("/console/").content.decode()
    assert 'id="matching-status"' in page
    assert "Ready" in page
