"""Demo accounts: one per persona, so every role can be tried in the browser."""

from hub.accounts.models import Role, User
from hub.territory.models import Comuna

DEMO_PASSWORD = "hub-demo-2026"
DEMO_USERS = [
    # username, role, first, last, comunas
    ("equipo", Role.HUB_STAFF, "Equipo", "Hub (demo)", []),
    # A second staff member, so every four-eyes review (author ≠ reviewer) can be finished in the demo.
    ("revisora", Role.HUB_STAFF, "Revisora", "Hub (demo)", []),
    ("funcionaria.nunoa", Role.OFFICIAL, "Funcionaria", "Ñuñoa (demo)", ["13120"]),
    ("funcionario.temuco", Role.OFFICIAL, "Funcionario", "Temuco (demo)", ["09101"]),
    # Tied to its organisation (USACH) by hub/partners/demo.py, which runs after this module.
    ("socia.usach", Role.PARTNER, "Socia", "USACH (demo)", []),
]


def _demo_user(username: str, role: str, first: str, last: str) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"role": role, "first_name": first, "last_name": last}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        if role == Role.HUB_STAFF:
            user.is_staff = True
            user.is_superuser = True
        user.save()
    return user


def demo_staff() -> User:
    """The demo's Hub team member (``equipo``): the acting user of every demo write, created if missing."""
    username, role, first, last, _cuts = DEMO_USERS[0]
    return _demo_user(username, role, first, last)


def load(stdout):
    for username, role, first, last, cuts in DEMO_USERS:
        user = _demo_user(username, role, first, last)
        if cuts:
            user.comunas.set(Comuna.objects.filter(cut__in=cuts))
    stdout.write(
        f"Usuarios demo (contraseña «{DEMO_PASSWORD}»): " + ", ".join(u[0] for u in DEMO_USERS)
    )
