from django.contrib import admin

from .models import TrainingProgramme, TrainingRequest


@admin.register(TrainingProgramme)
class TrainingProgrammeAdmin(admin.ModelAdmin):
    list_display = ["profile", "starts_on", "ends_on", "location", "capacity", "language"]
    raw_id_fields = ["profile"]


@admin.register(TrainingRequest)
class TrainingRequestAdmin(admin.ModelAdmin):
    list_display = ["programme", "organisation", "participants", "status"]
    list_filter = ["status"]
    raw_id_fields = ["programme", "delegate", "organisation", "decided_by"]
