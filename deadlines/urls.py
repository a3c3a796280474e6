from django.urls import path

from deadlines import views

app_name = "deadlines"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("feed/new/", views.feed_create, name="feed_create"),
    path("feed/revoke/", views.feed_revoke, name="feed_revoke"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
