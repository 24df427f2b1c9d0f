"""The last seat is never given twice: many people ask for it at the same instant from separate connections.

The data must be committed for the other connections to see it, so this test runs outside the per-test
transaction (``django_db_blocker.unblock()``) and deletes what it made at the end. On SQLite the in-memory
test database serialises writers; a writer that cannot get the lock fails cleanly and counts as "no seat".
"""

import threading

import pytest
from django.db import OperationalError, connection, connections

from hub.core.models import StateChange
from hub.notifications.models import Notification
from hub.territory.models import Comuna
from hub.training import services
from hub.training.models import Cohort, CompletionRule, Enrolment, EnrolmentStatus, Programme

from .factories import COMUNA_A, make_cohort, make_official

PEOPLE = 8


def _cleanup(cohort, users, marks):
    from auditlog.models import LogEntry

    Enrolment.objects.filter(cohort=cohort).delete()
    CompletionRule.objects.filter(cohort=cohort).delete()
    programme_id = cohort.programme_id
    Cohort.objects.filter(pk=cohort.pk).delete()
    Programme.objects.filter(pk=programme_id).delete()
    Notification.objects.filter(recipient__in=users).delete()
    StateChange.objects.filter(pk__gt=marks["state"]).delete()
    for user in users:
        user.comunas.clear()
        user.delete()
    LogEntry.objects.filter(pk__gt=marks["log"]).delete()


def test_the_last_seat_goes_to_exactly_one_of_many_simultaneous_requests(django_db_setup, django_db_blocker):
    from auditlog.models import LogEntry

    with django_db_blocker.unblock():
        # A live-server test may have flushed the database before this one runs (pytest-django runs tests
        # without a db mark last): bring the territory back for the duration of the test.
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()  # a flush re-creates content types with new ids
        loaded_territory = not Comuna.objects.filter(cut=COMUNA_A).exists()
        if loaded_territory:
            from hub.territory.services import read_table, territory_load

            territory_load(rows=read_table())
        marks = {"state": StateChange.objects.order_by("-pk").values_list("pk", flat=True).first() or 0,
                 "log": LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0}
        cohort = make_cohort(capacity=1)
        users = [make_official(COMUNA_A) for _ in range(PEOPLE)]
        comuna = Comuna.objects.get(cut=COMUNA_A)
        barrier = threading.Barrier(PEOPLE)
        outcomes: list[str] = []
        lock = threading.Lock()

        def ask(user):
            try:
                barrier.wait(timeout=10)
                try:
                    enrolment = services.enrolment_request(acting_user=user, cohort=cohort, learner=user,
                                                           comuna=comuna)
                    result = enrolment.status
                except OperationalError:
                    result = "locked"
                with lock:
                    outcomes.append(result)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=ask, args=(u,)) for u in users]
        try:
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=60)
            cohort.refresh_from_db()
            seated = Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.SOLICITADA).count()
            waiting = Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.EN_ESPERA).count()
            assert len(outcomes) == PEOPLE
            assert outcomes.count(EnrolmentStatus.SOLICITADA) == 1, outcomes
            assert seated == 1 and cohort.seats_taken == 1
            assert waiting == outcomes.count(EnrolmentStatus.EN_ESPERA)
            if connection.vendor == "postgresql":
                assert waiting == PEOPLE - 1  # nobody fails on PostgreSQL: they queue on the row lock
        finally:
            _cleanup(cohort, users, marks)
            if loaded_territory:
                from hub.territory.models import Province, Region

                Comuna.objects.all().delete()
                Province.objects.all().delete()
                Region.objects.all().delete()


@pytest.mark.django_db
def test_the_database_itself_refuses_more_seats_taken_than_capacity():
    """A second line of defence (and, being a django_db test, it makes the session create the test database)."""
    from django.db import IntegrityError, transaction

    cohort = make_cohort(capacity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Cohort.objects.filter(pk=cohort.pk).update(seats_taken=2)
