"""Demo AMUCH membership. No public source lists members, so this is demo data, marked on screen."""

import datetime

from hub.territory.models import Comuna


def load(stdout):
    if Comuna.objects.filter(is_amuch_member=True).exists():
        stdout.write("Membresía demo: ya cargada.")
        return
    # Deterministic: two of every three comunas, joining in different years.
    members = []
    for comuna in Comuna.objects.order_by("cut"):
        number = int(comuna.cut)
        if number % 3:
            comuna.is_amuch_member = True
            comuna.member_since = datetime.date(2010 + number % 15, 1 + number % 12, 1)
            members.append(comuna)
    Comuna.objects.bulk_update(members, ["is_amuch_member", "member_since"])
    stdout.write(f"Membresía demo: {len(members)} comunas asociadas.")
