"""Public certificate verification: /certificados/verificar/<code>/ (the training helper fills it in)."""

app_name = "certificates"
urlpatterns: list = []
