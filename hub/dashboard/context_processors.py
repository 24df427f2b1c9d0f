from django.core.cache import cache


def inbox_count(request):
    """Pending items for the header's "Mi inicio (n)": computed at most once a minute per person."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return {}
    key = f"hub-inbox-count:{user.pk}"
    count = cache.get(key)
    if count is None:
        from .inbox import inbox_for

        count = len(inbox_for(user))
        cache.set(key, count, timeout=60)
    return {"inbox_count": count}
