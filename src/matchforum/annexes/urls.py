from django.urls import path

from . import views

app_name = "annexes"
urlpatterns = [
    path("offers/<int:pk>/", views.offer_annexes, name="offer"),
    path("<int:pk>/download/", views.annex_download, name="download"),
    path("<int:pk>/delete/", views.annex_remove, name="delete"),
    path("mine/", views.mine, name="mine"),
    path("mine/offers/<int:pk>/", views.mine_offer, name="mine_offer"),
    path("acceptances/<int:pk>/revoke/", views.acceptance_revoke, name="revoke"),
    path("acceptances/<int:pk>/allow-again/", views.acceptance_allow_again, name="allow_again"),
]
