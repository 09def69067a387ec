from django.contrib.auth import views as auth_views
from django.urls import path

from values.network import views
from values.network.forms import QueuedPasswordResetForm

urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("login/verify/", views.sign_in_verify, name="login_verify"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("me/", views.account, name="account"),
    path("me/two-factor/", views.two_factor, name="two_factor"),
    path("me/two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("me/two-factor/recovery-codes/", views.recovery_codes_renew, name="recovery_codes_renew"),
    path("me/two-factor/disable/", views.two_factor_disable, name="two_factor_disable"),
    path("audit/", views.audit_log, name="audit_log"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password-reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
