from django.contrib import admin

from .models import Meeting, MeetingRequest, MeetingSeat


@admin.register(MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    list_display = [
        "sender_organisation",
        "recipient_organisation",
        "status",
        "priority",
        "created_at",
    ]
    list_filter = ["forum", "status", "session_wish", "priority"]
    search_fields = ["sender_organisation__name", "recipient_organisation__name", "message"]
    raw_id_fields = [
        "sender",
        "sender_organisation",
        "recipient_organisation",
        "recipient",
        "responded_by",
    ]
    readonly_fields = ["pair_low", "pair_high"]


class MeetingSeatInline(admin.TabularInline):
    model = MeetingSeat
    extra = 0
    raw_id_fields = ["delegate", "slot"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "mode", "slot", "table", "priority"]
    list_filter = ["forum", "status", "mode", "session_wish"]
    search_fields = ["organisation_a__name", "organisation_b__name"]
    raw_id_fields = [
        "request",
        "organisation_a",
        "organisation_b",
        "delegate_a",
        "delegate_b",
        "pinned_slot",
        "pinned_table",
        "allowed_session",
        "slot",
        "table",
    ]
    readonly_fields = ["pair_low", "pair_high"]
    inlines = [MeetingSeatInline]
