"""Demo sign-ins, one per role, for the example council. They work only while DEBUG is on."""

from django.conf import settings

from .models import Role, User

# (username, first name, last name, role, directorate code or None)
DEMO_ACCOUNTS = [
    ("performance", "Pat", "Performance", Role.PERFORMANCE, None),
    ("editor", "Eddie", "Editor", Role.EDITOR, "childrens"),
    ("member", "Morgan", "Member", Role.MEMBER, None),
    ("auditor", "Alex", "Auditor", Role.AUDITOR, None),
    ("hr", "Harper", "HR", Role.HR, None),
    ("officer", "Olly", "Officer", Role.OFFICER, "corporate"),
]


def demo_signins_allowed() -> bool:
    return bool(settings.DEBUG and getattr(settings, "GOLDTHREAD_DEMO_SIGNINS", True))


def demo_accounts() -> list[dict]:
    users = {u.username: u for u in User.objects.filter(is_demo=True)}
    return [
        {"username": name, "role": Role(role).label, "user": users[name]}
        for name, _first, _last, role, _dir in DEMO_ACCOUNTS
        if name in users
    ]
