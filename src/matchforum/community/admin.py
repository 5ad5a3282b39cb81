from django.contrib import admin

from .models import Attachment, Post, PostReport, Thread


class PostInline(admin.TabularInline):
    model = Post
    extra = 0
    fields = ["author", "author_organisation", "body", "is_hidden"]
    raw_id_fields = ["author", "author_organisation"]


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["title", "track", "kind", "is_locked", "last_post_at"]
    list_filter = ["track", "kind", "is_locked"]
    search_fields = ["title"]
    raw_id_fields = ["author"]
    inlines = [PostInline]


@admin.register(PostReport)
class PostReportAdmin(admin.ModelAdmin):
    list_display = ["post", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["post", "reporter", "resolved_by"]


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "content_type", "size", "post"]
    raw_id_fields = ["post"]
