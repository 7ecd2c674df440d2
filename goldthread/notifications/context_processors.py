from .people import unread_count


def unread(request):
    """The count of unread notifications beside the account links in the header. A callable, so the
    query runs only on pages that show the header to a signed-in person."""
    user = getattr(request, "user", None)
    return {"unread_notifications": lambda: unread_count(user)}
