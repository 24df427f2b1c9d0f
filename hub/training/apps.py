from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "hub.training"
    label = "training"
    verbose_name = _("Formación y certificación")

    def ready(self):
        from hub.core.privacy import register_personal_data
        from hub.core.registry import (
            register_comuna_section,
            register_evidence,
            register_inbox,
            register_member_value,
            register_search,
        )
        from hub.notifications.kinds import register_kind

        from . import sections
        from .models import Enrolment

        register_kind("seat_offered", _("Se liberó un cupo para usted en un curso"), email=True)
        register_kind("training_enrolled", _("La inscribieron en un curso"), email=True)
        register_kind("training_confirmed", _("Su inscripción en un curso fue confirmada"), email=True)
        register_kind("training_enrolment_cancelled", _("Se canceló su inscripción en un curso"), email=True)
        register_kind("training_waitlist_closed", _("Un curso comenzó sin cupo para usted"), email=False)
        register_kind("training_cohort_cancelled", _("Se canceló un curso"), email=True)
        register_kind("certificate_issued", _("Su certificado está disponible"), email=True)

        register_comuna_section(sections.comuna_training_section, order=60)
        register_evidence("cobertura", "training_certified", _("Funcionarios certificados por formación del Hub"),
                          sections.training_evidence)
        register_member_value(sections.training_member_value)
        register_inbox(sections.training_inbox)
        register_search(sections.training_search)
        # Ley 21.719: a learner's RUT and her evaluated result are hers. Erasure blanks them; a certificate keeps
        # only its printed snapshot (name, programme, result), which is what third parties verify.
        register_personal_data(Enrolment, ["rut", "payment_reference"], person_lookup="user")
