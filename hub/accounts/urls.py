from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import password_reset, views

app_name = "accounts"
urlpatterns = [
    path("ingresar/", views.login_view, name="login"),
    path("ingresar/codigo/", views.otp_verify, name="otp_verify"),
    path("salir/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "clave/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html", success_url=reverse_lazy("accounts:password_change_done")
        ),
        name="password_change",
    ),
    path(
        "clave/lista/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password_change_done",
    ),
    path("segundo-factor/", views.otp_setup, name="otp_setup"),
    path("segundo-factor/desactivar/", views.otp_disable, name="otp_disable"),
    path("segundo-factor/codigos/", views.recovery_codes, name="recovery_codes"),
    path("clave/recuperar/", password_reset.password_reset, name="password_reset"),
    path("clave/recuperar/enviado/", password_reset.password_reset_done, name="password_reset_done"),
    path("clave/recuperar/<uidb64>/<token>/", password_reset.password_reset_confirm, name="password_reset_confirm"),
    path("clave/recuperar/listo/", password_reset.password_reset_complete, name="password_reset_complete"),
]
