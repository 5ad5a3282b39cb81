from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "organiser", "vetting_officer", "is_active"]
    list_filter = ["is_staff", "is_active"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("full_name", "preferred_language", "time_zone")}),
        # Committee roles are managed in the console (Committee), per team.
        ("Roles", {"fields": ("is_staff", "is_superuser")}),
        ("Permissions", {"fields": ("is_active", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )

    @admin.display(boolean=True, description="organiser")
    def organiser(self, user: User) -> bool:
        return user.is_organiser

    @admin.display(boolean=True, description="vetting officer")
    def vetting_officer(self, user: User) -> bool:
        return user.is_vetting_officer

    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
