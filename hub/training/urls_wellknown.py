"""/.well-known/did.json: the Hub's did:web issuer document, with every signing key ever used."""

from django.urls import path

from . import views_certificates

app_name = "wellknown"
urlpatterns = [
    path("did.json", views_certificates.did_document, name="did"),
]
