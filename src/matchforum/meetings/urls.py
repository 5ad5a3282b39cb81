from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("outbox/", views.outbox, name="outbox"),
    path("request/<int:organisation_pk>/", views.send, name="send"),
    path("requests/<int:pk>/accept/", views.accept, name="accept"),
    path("requests/<int:pk>/book/", views.book, name="book"),
    path("requests/<int:pk>/decline/", views.decline, name="decline"),
    path("requests/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/cancel/undo/", views.cancel_undo, name="cancel_undo"),
    path("<int:pk>/move/", views.move, name="move"),
    path("<int:pk>/colleagues/add/", views.attendee_add, name="attendee_add"),
    path("<int:pk>/colleagues/remove/", views.attendee_remove, name="attendee_remove"),
    path("moves/<int:pk>/accept/", views.move_accept, name="move_accept"),
    path("moves/<int:pk>/decline/", views.move_decline, name="move_decline"),
    path("<int:pk>/room/", views.room, name="room"),
    path("room/test/", views.room_test, name="room_test"),
]
