from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from goldthread.api import api
from goldthread.core import account_views
from goldthread.core import views as core_views
from goldthread.council import oidc_views, settings_views
from goldthread.reports import public

handler400 = "goldthread.core.errors.bad_request"
handler403 = "goldthread.core.errors.forbidden"
handler404 = "goldthread.core.errors.not_found"
handler500 = "goldthread.core.errors.server_error"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("health", core_views.health, name="health"),
    path("about-the-data", core_views.about_data, name="about-data"),
    path("sign-in", core_views.SignInView.as_view(), name="login"),
    path("sign-out", auth_views.LogoutView.as_view(), name="logout"),
    path("sign-in/provider", oidc_views.SignInWithProvider.as_view(), name="oidc_authentication_init"),
    path("sign-in/provider/callback", oidc_views.ProviderCallback.as_view(), name="oidc_authentication_callback"),
    path(
        "account/set-password/<uidb64>/<token>",
        core_views.SetPasswordView.as_view(),
        name="account-set-password",
    ),
    path("account/tokens", account_views.tokens, name="account-tokens"),
    path("account/tokens/<int:token_id>/revoke", account_views.revoke, name="account-token-revoke"),
    path("public/performance", public.page, name="public-performance"),
    path("public/performance.csv", public.download_csv, name="public-performance-csv"),
    path("public/performance.json", public.download_json, name="public-performance-json"),
    path("council-settings", settings_views.edit, name="council-settings"),
    path("council/", include("goldthread.council.urls")),
    path("performance/", include("goldthread.performance.urls")),
    path("benchmarking/", include("goldthread.benchmarking.urls")),
    path("improvement/", include("goldthread.improvement.urls")),
    path("member-enquiries/", include("goldthread.enquiries.urls")),
    path("governance/", include("goldthread.governance.urls")),
    path("scrutiny/", include("goldthread.scrutiny.urls")),
    path("risk/", include("goldthread.risk.urls")),
    path("finance/", include("goldthread.finance.urls")),
    path("people/", include("goldthread.people.urls")),
    path("reports/", include("goldthread.reports.urls")),
    path("jobs/", include("goldthread.jobs.urls")),
    path("search/", include("goldthread.search.urls")),
    path("timetable/", include("goldthread.timetable.urls")),
    path("notifications/", include("goldthread.notifications.urls")),
    path("api/", api.urls),
    path("django-admin/", admin.site.urls),
]
