import pytest


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """The personas are created for every test; a fast hasher keeps the authorization matrix quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
