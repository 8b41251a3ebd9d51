from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from hotelsales import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("clients/", include("clienthistory.urls")),
    path("sales/", include("reservations.urls")),
    path("receivables/", include("receivables.urls")),
    path("marketing/", include("marketing.urls")),
    path("inquiry/", include("marketing.inquiry_urls")),
    path("", include("hotelsales.site_urls")),
    path("", include("overview.urls")),
]
