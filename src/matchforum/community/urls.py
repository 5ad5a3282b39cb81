from django.urls import path

from . import views

app_name = "community"
urlpatterns = [
    path("", views.track_list, name="tracks"),
    path("reports/", views.report_queue, name="reports"),
    path("reports/<int:pk>/resolve/", views.report_resolve, name="report_resolve"),
    path("threads/<int:pk>/", views.thread_detail, name="thread"),
    path("threads/<int:pk>/lock/", views.thread_lock, name="thread_lock"),
    path("posts/<int:pk>/hide/", views.post_hide, name="post_hide"),
    path("posts/<int:pk>/report/", views.post_report, name="post_report"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("<slug:slug>/", views.track_detail, name="track"),
    path("<slug:slug>/threads/new/", views.thread_new, name="thread_new"),
    path("<slug:slug>/curate/", views.coalition_curate, name="curate"),
    path("<slug:slug>/figures/", views.coalition_figures, name="figures"),
]
