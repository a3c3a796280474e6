"""Two minimal views on the portal's full stack, for load balancers and the benchmark.

- `/healthz/`: the load balancer's probe. No login, no session, no template: one
  `SELECT 1` so an app server that lost its database leaves the pool (503).
- `/healthz/page/`: the smallest logged-in portal page (the base layout, no content).
  `make bench` measures it as the floor every real page is compared with: the same
  middleware, session, user and layout queries, nothing of any app.
"""

from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.cache import never_cache

from itaportal import access


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means: take this server out of the pool
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@access.member_required
def minimal_page(request):
    return render(request, "base.html", {})


urlpatterns = [
    path("", healthz, name="healthz"),
    path("page/", minimal_page, name="healthz_page"),
]
