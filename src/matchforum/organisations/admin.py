from django.contrib import admin

from .models import AccreditationDecision, Delegate, Organisation


class AccreditationDecisionInline(admin.TabularInline):
    model = AccreditationDecision
    extra = 0
    readonly_fields = ["previous", "decision", "reason", "reviewer", "decided_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class DelegateInline(admin.TabularInline):
    model = Delegate
    extra = 0
    raw_id_fields = ["user"]
    filter_horizontal = ["unavailable_slots"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "kind", "accreditation", "forum", "created_at"]
    list_filter = ["forum", "accreditation", "kind", "country", "tracks"]
    search_fields = ["name", "description", "website"]
    filter_horizontal = ["tracks"]
    readonly_fields = ["reviewed_by", "reviewed_at", "created_at", "updated_at"]
    inlines = [DelegateInline, AccreditationDecisionInline]


@admin.register(Delegate)
class DelegateAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "attendance", "checked_in_at"]
    list_filter = ["organisation__forum", "attendance"]
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    raw_id_fields = ["user", "organisation"]
    filter_horizontal = ["unavailable_slots"]


@admin.register(AccreditationDecision)
class AccreditationDecisionAdmin(admin.ModelAdmin):
    list_display = ["organisation", "previous", "decision", "reviewer", "decided_at"]
    list_filter = ["decision"]
    search_fields = ["organisation__name", "reason"]
    readonly_fields = ["organisation", "previous", "decision", "reason", "reviewer", "decided_at"]
