"""Object-level access rules shared by every app: the one place that answers "who may act here".

Each condition is its own predicate so tests can cover every branch. Apps build their own rules
from these (e.g. ``is_hub_staff | is_official_of_comuna``) in their ``access.py``.
"""

import rules


def user_comuna_cuts(user) -> set[str]:
    """CUT codes of the comunas an official acts for (empty for everyone else)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_official", False):
        return set()
    cache = getattr(user, "_hub_comuna_cuts", None)
    if cache is None:
        cache = set(user.comunas.values_list("cut", flat=True))
        user._hub_comuna_cuts = cache
    return cache


def _comuna_cut(obj) -> str | None:
    """The CUT of the comuna an object belongs to: a Comuna, or anything with comuna/comuna_id."""
    if obj is None:
        return None
    if hasattr(obj, "cut"):
        return obj.cut
    return getattr(obj, "comuna_id", None)


@rules.predicate
def is_hub_staff(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_hub_staff)


@rules.predicate
def is_official(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_official)


@rules.predicate
def is_partner(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_partner)


@rules.predicate
def is_official_of_comuna(user, obj) -> bool:
    """An official acts only for their own comunas."""
    cut = _comuna_cut(obj)
    return cut is not None and cut in user_comuna_cuts(user)


@rules.predicate
def is_member_of_organization(user, obj) -> bool:
    """A partner acts only for their own organisation (obj is an Organization or has organization_id)."""
    if not is_partner(user) or obj is None:
        return False
    org_id = obj.pk if obj.__class__.__name__ == "Organization" else getattr(obj, "organization_id", None)
    return org_id is not None and org_id == user.organization_id


can_act_for_comuna = is_hub_staff | is_official_of_comuna
