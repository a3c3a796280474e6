from django.urls import path

from years import views

app_name = "years"

urlpatterns = [
    path("start/", views.start, name="start"),
]
