from django.urls import path

from audit import views

app_name = "audit"

urlpatterns = [
    path("<str:app_label>/<str:model_name>/<int:pk>/", views.history, name="history"),
]
