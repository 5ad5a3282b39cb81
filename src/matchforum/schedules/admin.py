from django.contrib import admin

from .models import ScheduleVersion, SchedulingRun


@admin.register(SchedulingRun)
class SchedulingRunAdmin(admin.ModelAdmin):
    list_display = ["pk", "forum", "kind", "status", "created_by", "created_at", "finished_at"]
    list_filter = ["forum", "kind", "status"]
    readonly_fields = ["progress", "result", "error", "started_at", "finished_at"]


@admin.register(ScheduleVersion)
class ScheduleVersionAdmin(admin.ModelAdmin):
    list_display = ["forum", "number", "status", "published_by", "published_at"]
    list_filter = ["forum", "status"]
    readonly_fields = ["placements", "statistics"]
