"""Who may see and change what in formación y certificación: querysets, access_<thing>() and can_<verb>_<thing>().

* The catalogue (published programmes, cohorts that are not drafts) and certificate verification are public.
* An official enrols herself. A comuna coordinator (an official of that comuna whom Hub staff named in
  ``Coordinator``) also enrols and withdraws the officials of that comuna, and sees their training.
* Everything else (confirm, payments, attendance, grades, closing, certificates, CSV) is Hub staff.
* Enrolments are personal data: an unseen enrolment is a 404, not a 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from hub.core.access import is_hub_staff, is_official, user_comuna_cuts

from .models import Certificate, Cohort, CohortStatus, Coordinator, Enrolment, Programme, Session


def programmes_for_user(user) -> QuerySet[Programme]:
    qs = Programme.objects.select_related("solution")
    if is_hub_staff(user):
        return qs
    return qs.filter(is_published=True)


def cohorts_for_user(user) -> QuerySet[Cohort]:
    qs = Cohort.objects.select_related("programme", "region")
    if is_hub_staff(user):
        return qs
    return qs.filter(programme__is_published=True).exclude(status=CohortStatus.BORRADOR)


def sessions_for_user(user) -> QuerySet[Session]:
    return Session.objects.filter(cohort__in=cohorts_for_user(user)).select_related("cohort", "cohort__programme")


def access_programme(user, pk) -> Programme:
    programme = programmes_for_user(user).filter(pk=pk).first()
    if programme is None:
        raise Http404(_("No existe un programa publicado con ese número."))
    return programme


def access_cohort(user, pk, *, write: bool = False) -> Cohort:
    cohort = cohorts_for_user(user).filter(pk=pk).first()
    if cohort is None:
        raise Http404(_("No existe una versión publicada con ese número."))
    if write and not is_hub_staff(user):
        raise PermissionDenied(_("Solo el equipo del Hub administra las versiones de los programas."))
    return cohort


def coordinated_cuts(user) -> set[str]:
    """CUTs of the comunas this official coordinates (only comunas she acts for)."""
    if not is_official(user):
        return set()
    cache = getattr(user, "_training_coordinated", None)
    if cache is None:
        cuts = set(Coordinator.objects.filter(user=user).values_list("comuna_id", flat=True))
        cache = cuts & user_comuna_cuts(user)
        user._training_coordinated = cache
    return cache


def is_coordinator(user) -> bool:
    return bool(coordinated_cuts(user))


def can_enrol_person(user, learner, comuna) -> bool:
    """user may enrol learner (always a municipal official) on behalf of comuna (None only for staff)."""
    if not is_official(learner):
        return False
    if is_hub_staff(user):
        return True
    if comuna is None or comuna.cut not in user_comuna_cuts(learner):
        return False
    if learner.pk == user.pk:
        return True
    return comuna.cut in coordinated_cuts(user)


def require_enrol_person(user, learner, comuna) -> None:
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Inicie sesión para inscribirse."))
    if can_enrol_person(user, learner, comuna):
        return
    if not is_official(learner):
        raise PermissionDenied(_("Solo se inscriben funcionarias y funcionarios municipales."))
    if learner.pk == user.pk:
        raise PermissionDenied(_("Elija una de las comunas por las que usted actúa."))
    raise PermissionDenied(_("Solo la coordinación de formación de la comuna inscribe a sus colegas."))


def enrolments_for_user(user) -> QuerySet[Enrolment]:
    qs = Enrolment.objects.select_related("cohort", "cohort__programme", "user", "comuna")
    if is_hub_staff(user):
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    visible = Q(user_id=user.pk)
    cuts = coordinated_cuts(user)
    if cuts:
        visible |= Q(comuna_id__in=cuts)
    return qs.filter(visible)


def can_withdraw_enrolment(user, enrolment: Enrolment) -> bool:
    if is_hub_staff(user):
        return True
    if enrolment.user_id == getattr(user, "pk", None):
        return True
    return bool(enrolment.comuna_id and enrolment.comuna_id in coordinated_cuts(user))


def access_enrolment(user, pk, *, write: bool = False) -> Enrolment:
    enrolment = enrolments_for_user(user).filter(pk=pk).first()
    if enrolment is None:
        raise Http404(_("No existe una inscripción con ese número."))
    if write and not can_withdraw_enrolment(user, enrolment):
        raise PermissionDenied(_("Solo la persona inscrita, su coordinación comunal o el equipo del Hub pueden "
                                 "retirar esta inscripción."))
    return enrolment


def require_staff(user) -> None:
    if not is_hub_staff(user):
        raise PermissionDenied(_("Solo el equipo del Hub puede hacer esto."))


def access_certificate(code: str) -> Certificate:
    """Public: anyone holding the code may verify the certificate."""
    certificate = (
        Certificate.objects.select_related("replaced_by", "signing_key").filter(code=code).first() if code else None
    )
    if certificate is None:
        raise Http404(_("No existe un certificado con ese código. Revise que lo haya escrito completo."))
    return certificate


def can_download_certificate(user, certificate: Certificate) -> bool:
    if is_hub_staff(user):
        return True
    return certificate.enrolment.user_id == getattr(user, "pk", None)


def access_certificate_download(user, code: str) -> Certificate:
    certificate = access_certificate(code)
    if not can_download_certificate(user, certificate):
        raise PermissionDenied(_("El PDF y la credencial los descarga la persona certificada; cualquiera puede "
                                 "verificarlos con el código."))
    return certificate
