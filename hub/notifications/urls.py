from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/leida/", views.mark_read, name="mark_read"),
    path("todas-leidas/", views.mark_all_read, name="mark_all_read"),
    path("preferencias/", views.preferences, name="preferences"),
]
