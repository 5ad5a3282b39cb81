from django.contrib import admin

from .models import Annex, NdaAcceptance


@admin.register(Annex)
class AnnexAdmin(admin.ModelAdmin):
    # The content stays out of the admin: it opens only through the checking view.
    list_display = ["title", "profile", "original_name", "size", "created_at"]
    fields = ["title", "profile", "original_name", "content_type", "size"]
    readonly_fields = fields
    raw_id_fields = ["profile"]


@admin.register(NdaAcceptance)
class NdaAcceptanceAdmin(admin.ModelAdmin):
    list_display = ["profile", "organisation", "signer_name", "accepted_at", "revoked_at"]
    readonly_fields = ["text", "text_sha256", "accepted_at"]
    raw_id_fields = ["profile", "organisation", "accepted_by", "revoked_by"]
