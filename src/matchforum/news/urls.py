from django.urls import path

from . import views

app_name = "news"
urlpatterns = [
    path("", views.article_list, name="articles"),
    path("new/", views.article_create, name="article_create"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("comments/<int:pk>/moderate/", views.comment_moderate, name="comment_moderate"),
    path("<int:pk>/", views.article_detail, name="article"),
    path("<int:pk>/edit/", views.article_edit, name="article_edit"),
]
