"""Tell staff and the partner organisations' people that an agreement ends within 60 days (run daily).

Idempotent: each agreement is announced once per end date (a notification with the same link and title is not
sent twice), so a daily timer can run it as often as it likes.
"""

from django.core.management.base import BaseCommand

from hub.accounts.models import User
from hub.notifications.models import Notification
from hub.notifications.services import notify
from hub.partners.selectors import agreements_expiring


class Command(BaseCommand):
    help = "Avisa al equipo y a las organizaciones parte de los convenios que vencen en los próximos 60 días."

    def handle(self, *args, **options):
        sent = 0
        staff = list(User.objects.filter(role="hub_staff", is_active=True))
        for agreement in agreements_expiring():
            title = f"Convenio por vencer el {agreement.end_date:%d-%m-%Y}: {agreement.title}"[:200]
            url = agreement.get_absolute_url()
            partners = list(User.objects.filter(organization__agreement_parties__agreement=agreement, is_active=True))
            recipients = [u for u in staff + partners
                          if not Notification.objects.filter(recipient=u, url=url, title=title).exists()]
            sent += len(notify(recipients=recipients, kind="agreement_expiring", title=title, url=url,
                               body="Revise si corresponde renovarlo o cerrarlo con su informe final."))
        self.stdout.write(f"{sent} avisos de convenios por vencer.")
