"""The client's IP address, decided once for the whole platform (login throttling and the API rate limit).

``X-Forwarded-For`` is believed only when the request comes from one of ``HUB_TRUSTED_PROXIES`` (addresses or
prefixes such as "10.0."). The header is then read from the right, skipping trusted proxies, and the first
address that is not one of ours is the client: a client can prepend anything it likes to the header, but it
cannot change what our own proxy appended. Without trusted proxies the header is ignored.

(django-ipware was tried: its proxy model expects each proxy to append its *own* address, while nginx and
most load balancers append the *client's*, so it returned no address for the common one-proxy setup.)
"""

from django.conf import settings


def _trusted(address: str, trusted: list[str]) -> bool:
    return any(address == p or (p.endswith((".", ":")) and address.startswith(p)) for p in trusted)


def client_ip(request) -> str:
    trusted = list(getattr(settings, "HUB_TRUSTED_PROXIES", []) or [])
    remote = (request.META.get("REMOTE_ADDR") or "").strip()
    if not trusted or not _trusted(remote, trusted):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, trusted):
            return hop[:45]
    return remote


def axes_client_ip(request) -> str:
    """AXES_CLIENT_IP_CALLABLE: the same address the API limiter uses."""
    return client_ip(request)
