from django.contrib import admin

from .models import PeriodicJob, WorkerHeartbeat


@admin.register(PeriodicJob)
class PeriodicJobAdmin(admin.ModelAdmin):
    list_display = ("name", "last_started_at", "last_finished_at", "last_outcome")
    readonly_fields = ("name", "last_started_at", "last_finished_at", "last_outcome")


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ("name", "beat_at")
    readonly_fields = ("name", "beat_at")
