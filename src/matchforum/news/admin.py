from django.contrib import admin

from .models import Article, Comment


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "language", "is_published", "published_at"]
    list_filter = ["is_published", "language", "tracks"]
    search_fields = ["title", "body"]
    filter_horizontal = ["tracks"]
    raw_id_fields = ["author"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["article", "author_organisation", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["article", "author", "author_organisation", "moderated_by"]
