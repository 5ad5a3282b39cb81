"""Every relation to a person (their account or a delegate seat) and what data rights do with it.

`tests/privacy/test_inventory.py` walks every model and fails for a relation to the user
model or to `Delegate` that is missing here, so a new table holding someone's data is
either exported and handled on deletion or consciously kept, never forgotten.

Each entry: the export's key that carries the rows, and what deleting the account (or
the retention purge) does. "kept" rows stay for the forum's records and figures; they
then point at the anonymised account or seat, which names no one.
"""

from __future__ import annotations

from typing import NamedTuple


class Handling(NamedTuple):
    export: str  # where `user_export_data` puts the rows ("" when nothing is personal)
    deletion: str


PERSONAL_RELATIONS: dict[str, Handling] = {
    # The account and its secrets.
    "organisations.Delegate.user": Handling(
        "delegations", "role, languages and availability erased; seat kept"
    ),
    "api.ApiToken.user": Handling("api_tokens", "deleted"),
    "otp_totp.TOTPDevice.user": Handling("two_factor_devices", "deleted"),
    "agenda.CalendarToken.delegate": Handling("delegations.calendar_feed", "deleted"),
    "notifications.Notification.user": Handling("notifications", "deleted (subjects and bodies)"),
    "notifications.NotificationPreference.user": Handling("notification_preference", "deleted"),
    "audit.AuditEntry.actor": Handling("activity", "kept; IP addresses erased"),
    "admin.LogEntry.user": Handling("admin_actions", "kept (record of a staff change)"),
    # What the person wrote.
    "community.Thread.author": Handling(
        "community.threads", "deleted unless others replied; then kept"
    ),
    "community.Post.author": Handling("community.posts", "deleted, with their attachments' files"),
    "community.PostReport.reporter": Handling("community.reports", "deleted"),
    "news.Comment.author": Handling("news_comments", "deleted"),
    "news.Article.author": Handling("articles", "kept (the forum's published news)"),
    "meetings.MeetingRequest.sender": Handling("delegations.requests_sent", "message erased; kept"),
    "meetings.MeetingRequest.recipient": Handling("delegations.requests_received", "kept"),
    "meetings.MeetingRequest.responded_by": Handling(
        "delegations.requests_received", "decline reason erased; kept"
    ),
    "training.TrainingRequest.delegate": Handling(
        "delegations.training_requests", "message erased; kept (places counted)"
    ),
    "outcomes.MeetingOutcome.recorded_by": Handling(
        "delegations.outcomes_recorded", "note erased; outcome and rating kept (figures)"
    ),
    "outcomes.FollowUpSurvey.delegate": Handling(
        "delegations.follow_up_surveys", "link revoked, note erased; answer kept (figures)"
    ),
    # Meetings and marks, kept so the forum's figures stay right.
    "meetings.Meeting.delegate_a": Handling("delegations.meetings", "kept"),
    "meetings.Meeting.delegate_b": Handling("delegations.meetings", "kept"),
    "meetings.MeetingSeat.delegate": Handling("delegations.meetings", "kept"),
    "meetings.MeetingAttendee.delegate": Handling("delegations.meetings", "kept"),
    "meetings.MeetingAttendee.added_by": Handling(
        "delegations.meetings", "kept (who brought the colleague along)"
    ),
    "meetings.Meeting.cancelled_by": Handling("meetings_cancelled", "cancel reason erased; kept"),
    "meetings.MeetingMoveProposal.proposed_by": Handling("delegations.move_proposals", "kept"),
    "meetings.MeetingMoveProposal.responded_by": Handling("delegations.move_proposals", "kept"),
    "badges.BadgeKey.delegate": Handling(
        "delegations.badge_issued", "deleted (the printed badge is refused)"
    ),
    "forums.CommitteeMembership.user": Handling("committee_seats", "deleted"),
    "recommendations.Dismissal.dismissed_by": Handling("delegations.dismissals", "kept"),
    "organisations.Invitation.invited_by": Handling("delegations.invitations_sent", "kept"),
    # Decisions taken in a role (vetting, moderation, organising): kept as the record.
    "organisations.Organisation.reviewed_by": Handling("vetting_decisions", "kept"),
    "organisations.AccreditationDecision.reviewer": Handling("vetting_decisions", "kept"),
    "marketplace.CooperationProfile.classification_reviewed_by": Handling(
        "classification_reviews", "kept"
    ),
    "organisations.RegistrationImport.created_by": Handling(
        "registration_imports", "kept until the forum is purged"
    ),
    "schedules.SchedulingRun.created_by": Handling("scheduling_runs", "kept"),
    "schedules.ScheduleVersion.published_by": Handling("schedules_published", "kept"),
    "community.Post.hidden_by": Handling("moderation", "kept"),
    "community.PostReport.resolved_by": Handling("moderation", "kept"),
    "news.Comment.moderated_by": Handling("moderation", "kept"),
    "training.TrainingRequest.decided_by": Handling("delegations.training_decisions", "kept"),
    # Agreements: the owner's record of who accepted its NDA, on which text, and when.
    "annexes.NdaAcceptance.accepted_by": Handling(
        "nda_acceptances", "kept (a signed agreement, with the name as signed)"
    ),
    "annexes.NdaAcceptance.revoked_by": Handling("nda_revocations", "kept"),
}
