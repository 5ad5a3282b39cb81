from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("outbox/", views.outbox, name="outbox"),
    path("request/<int:organisation_pk>/", views.send, name="send"),
    path("requests/<int:pk>/accept/", views.accept, name="accept"),
    path("requests/<int:pk>/decline/", views.decline, name="decline"),
    path("requests/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/cancel/undo/", views.cancel_undo, name="cancel_undo"),
]
