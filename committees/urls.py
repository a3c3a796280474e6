app_name = "committees"

urlpatterns = []
