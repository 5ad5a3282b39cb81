from django.contrib import admin

from .models import FollowUpSurvey, MeetingOutcome


@admin.register(MeetingOutcome)
class MeetingOutcomeAdmin(admin.ModelAdmin):
    list_display = ["meeting", "organisation", "outcome", "rating", "recorded_at"]
    list_filter = ["outcome", "rating"]


@admin.register(FollowUpSurvey)
class FollowUpSurveyAdmin(admin.ModelAdmin):
    list_display = ["meeting", "organisation", "months_after", "sent_at", "answered_at", "outcome"]
    list_filter = ["months_after", "outcome"]
    exclude = ["token"]
