"""/.well-known/did.json: the Hub's did:web issuer document (the training helper fills it in)."""

app_name = "wellknown"
urlpatterns: list = []
