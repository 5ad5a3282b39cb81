from django.contrib import admin

from .models import CapabilityTrack, Forum, ForumDay, Session, Slot, Table


class ForumDayInline(admin.TabularInline):
    model = ForumDay
    extra = 0


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0


class SlotInline(admin.TabularInline):
    model = Slot
    extra = 0
    readonly_fields = ["index", "starts_at", "ends_at"]


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_on", "ends_on", "time_zone", "venue", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ForumDayInline]


@admin.register(ForumDay)
class ForumDayAdmin(admin.ModelAdmin):
    list_display = ["forum", "date"]
    inlines = [SessionInline]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["day", "part", "start_time", "end_time", "slot_minutes", "pause_minutes"]
    list_filter = ["day__forum", "part"]
    inlines = [SlotInline]


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    list_display = ["starts_at", "ends_at", "session", "index"]
    list_filter = ["session__day__forum", "session"]


@admin.register(Table)
class TableAdmin(admin.ModelAdmin):
    list_display = ["number", "area", "forum", "is_active"]
    list_filter = ["forum", "area", "is_active"]


@admin.register(CapabilityTrack)
class CapabilityTrackAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_coalition", "lead_country", "position"]
    list_filter = ["is_coalition"]
    prepopulated_fields = {"slug": ["name"]}
