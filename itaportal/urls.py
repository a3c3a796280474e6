from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

import assessments.panels
import deadlines.panels
import measures.panels
import oit.panels
import oit.public
import oit.views
import years.panels
from assessments import public_views
from itaportal import auth as portal_auth
from itaportal import views
from itaportal.auth_forms import ThaiAuthenticationForm

admin.site.site_header = "ITA Portal — ผู้ดูแลระบบ"
admin.site.site_title = "ITA Portal"
admin.site.index_title = "การจัดการข้อมูล"

# The apps are composed here, so the core never imports them: what each adds to the home
# page, and to the public ITA page (HTML and JSON).
HOME_PANELS = [
    deadlines.panels.home_panels,
    years.panels.home_panels,
    assessments.panels.home_panels,
    oit.panels.home_panels,
    measures.panels.home_panels,
]
# What each panel reads, said ahead: read together in one round trip (itaportal.prepared).
HOME_READS = [
    deadlines.panels.home_reads,
    years.panels.home_reads,
    assessments.panels.home_reads,
    oit.panels.home_reads,
    measures.panels.home_reads,
]
PUBLIC_SECTIONS = {"sections": [oit.public.public_section]}

public_urls = (
    [
        path("<slug:org_slug>/", public_views.years, name="years"),
        path("<slug:org_slug>/emblem/", public_views.emblem, name="emblem"),
        path("<slug:org_slug>/ita/<int:year>/", public_views.ita, PUBLIC_SECTIONS, name="ita"),
        path(
            "<slug:org_slug>/ita/<int:year>.json",
            public_views.ita_json,
            PUBLIC_SECTIONS,
            name="ita_json",
        ),
        path(
            "<slug:org_slug>/ita/<int:year>/oit/files/<int:pk>/",
            oit.views.public_attachment,
            name="oit_attachment",
        ),
    ],
    "public",
)

urlpatterns = [
    path("", views.home, {"panels": HOME_PANELS, "reads": HOME_READS}, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            authentication_form=ThaiAuthenticationForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", portal_auth.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path("settings/organization/", views.organization_settings, name="organization_settings"),
    path("settings/departments/new/", views.department_edit, name="department_create"),
    path("settings/departments/<int:pk>/", views.department_edit, name="department_edit"),
    path("settings/organization/emblem/", views.organization_emblem, name="organization_emblem"),
    path("settings/users/", views.user_list, name="user_list"),
    path("settings/users/new/", views.user_edit, name="user_create"),
    path("settings/users/<int:pk>/", views.user_edit, name="user_edit"),
    path(
        "settings/users/<int:pk>/password/", views.user_password_reset, name="user_password_reset"
    ),
    path("password/reset/", portal_auth.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        portal_auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("assessments/", include("assessments.urls")),
    path("assessments/", include("oit.urls")),
    path("committees/", include("committees.urls")),
    path("measures/", include("measures.urls")),
    path("announcements/", include("announcements.urls")),
    path("years/", include("years.urls")),
    path("campaign/", include("campaigns.urls")),
    path("search/", include("search.urls")),
    path("calendar/", include("deadlines.urls")),
    path("notices/", include("notices.urls")),
    path("p/", include(public_urls)),
    path("history/", include("audit.urls")),
    path("admin/", admin.site.urls),
    path("healthz/", include("itaportal.views_health")),
    path("favicon.ico", views.favicon, name="favicon"),
]

handler403 = "itaportal.errors.permission_denied"
handler404 = "itaportal.errors.page_not_found"
handler500 = "itaportal.errors.server_error"
