from django.contrib import admin

from .models import CooperationProfile


@admin.register(CooperationProfile)
class CooperationProfileAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "side", "kind", "language", "trl", "is_active"]
    list_filter = ["side", "kind", "language", "tracks", "organisation__forum"]
    search_fields = ["title", "description", "organisation__name"]
    raw_id_fields = ["organisation"]
    filter_horizontal = ["tracks"]
