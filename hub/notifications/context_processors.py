from . import access


def notifications(request):
    """The bell's unread count in the header (one COUNT query, only for people who are logged in)."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return {}
    return {"unread_notifications": access.unread_count(user)}
