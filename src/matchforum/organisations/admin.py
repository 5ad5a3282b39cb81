from django.contrib import admin

from matchforum.forums import committee

from .models import AccreditationDecision, Delegate, Organisation


class CommitteeScopedAdmin(admin.ModelAdmin):
    """Rows of the organisations the user looks after (forums/committee.py), no others."""

    organisation_path = "organisation"

    def get_queryset(self, request):
        visible = committee.private_organisations_anywhere(request.user).values("pk")
        return super().get_queryset(request).filter(**{f"{self.organisation_path}__in": visible})

    def _organisation(self, obj):
        return obj if isinstance(obj, Organisation) else obj.organisation

    def has_change_permission(self, request, obj=None):
        if obj is not None and not committee.can_edit(request.user, self._organisation(obj)):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not committee.can_edit(request.user, self._organisation(obj)):
            return False
        return super().has_delete_permission(request, obj)


class AccreditationDecisionInline(admin.TabularInline):
    model = AccreditationDecision
    extra = 0
    readonly_fields = ["previous", "decision", "reason", "reviewer", "team", "decided_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class DelegateInline(admin.TabularInline):
    model = Delegate
    extra = 0
    raw_id_fields = ["user"]
    filter_horizontal = ["unavailable_slots"]


@admin.register(Organisation)
class OrganisationAdmin(CommitteeScopedAdmin):
    organisation_path = "pk"
    list_display = ["name", "country", "kind", "accreditation", "forum", "created_at"]
    list_filter = ["forum", "accreditation", "kind", "country", "tracks"]
    search_fields = ["name", "description", "website"]
    filter_horizontal = ["tracks"]
    # Vetting and moving between teams are recorded decisions: made in the console.
    readonly_fields = [
        "accreditation",
        "accreditation_reason",
        "committee_team",
        "reviewed_by",
        "reviewed_at",
        "created_at",
        "updated_at",
    ]
    inlines = [DelegateInline, AccreditationDecisionInline]


@admin.register(Delegate)
class DelegateAdmin(CommitteeScopedAdmin):
    list_display = ["user", "organisation", "role", "attendance", "checked_in_at"]
    list_filter = ["organisation__forum", "attendance"]
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    raw_id_fields = ["user", "organisation"]
    filter_horizontal = ["unavailable_slots"]


@admin.register(AccreditationDecision)
class AccreditationDecisionAdmin(CommitteeScopedAdmin):
    list_display = ["organisation", "previous", "decision", "reviewer", "decided_at"]
    list_filter = ["decision"]
    search_fields = ["organisation__name", "reason"]
    readonly_fields = [
        "organisation",
        "previous",
        "decision",
        "reason",
        "reviewer",
        "team",
        "decided_at",
    ]
