from django.urls import path

from deadlines import views

app_name = "deadlines"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("deadlines/new/", views.deadline_add, name="deadline_add"),
    path("deadlines/<int:pk>/done/", views.deadline_done, name="deadline_done"),
    path("deadlines/<int:pk>/delete/", views.deadline_delete, name="deadline_delete"),
    path("feed/new/", views.feed_create, name="feed_create"),
    path("feed/revoke/", views.feed_revoke, name="feed_revoke"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
