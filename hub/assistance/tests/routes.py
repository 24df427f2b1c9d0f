"""Who may use each URL of asistencia técnica.

A request and its engagement are private to the client comuna's officials (official_a for Ñuñoa) and Hub
staff; anyone else gets a 404 (its existence is private). Staff run the engagement (scoping, proposals,
milestones, report); the client decides (accept/reject a proposal, a milestone, a scope change, publish,
survey). Published reports and the counts are public.
"""

from testkit.routes import COMUNA_A_OWNER, OFFICIALS, PERSONAS, PUBLIC, STAFF_ONLY, Route

from . import factories as f

DENY_ALL = {p: "deny" for p in PERSONAS}
# The client's own decisions: only comuna A's officials (staff decide only for client organisations).
CLIENT_A = {**COMUNA_A_OWNER, "staff": "deny"}


def _pk(obj):
    return {"pk": obj.pk}


def engagement(personas):
    return _pk(f.make_engagement(requested_by=personas["official_a"]))


def engagement_scoping(personas):
    return _pk(f.make_engagement(status="en_alcance"))


def team_member(personas):
    from hub.assistance.models import TeamMember

    e = f.make_engagement(status="en_alcance")
    return _pk(TeamMember.objects.create(engagement=e, user=personas["staff"], role="jefatura"))


def sent_proposal(personas):
    return _pk(f.make_proposal(f.make_engagement(status="propuesta_enviada")))


def draft_proposal(personas):
    return _pk(f.make_proposal(f.make_engagement(status="en_alcance"), status="borrador"))


def accepted(personas):
    return _pk(f.make_engagement(status="aceptada"))


def executing(personas):
    return _pk(f.make_engagement(status="en_ejecucion"))


def milestone_pending(personas):
    return _pk(f.make_milestone(f.make_engagement(status="en_ejecucion"), with_file=True))


def milestone_in_review(personas):
    return _pk(f.make_milestone(f.make_engagement(status="en_ejecucion"), status="en_revision_cliente"))


def deliverable(personas):
    m = f.make_milestone(f.make_engagement(status="en_ejecucion"), with_file=True)
    return _pk(m.deliverables.get())


def scope_change(personas):
    from hub.assistance.models import ScopeChange

    e = f.make_engagement(status="en_ejecucion", baseline_fee_clp=10_000_000)
    return _pk(ScopeChange.objects.create(engagement=e, justification="Más comunas", delta_fee_clp=1_000_000,
                                          requested_by=personas["staff"]))


def final_report(personas):
    return _pk(f.make_published())


def draft_report(personas):
    return _pk(f.make_engagement(status="informe_borrador"))


def recommendation(personas):
    return _pk(f.make_published().recommendations.get())


def published(personas):
    return _pk(f.make_published())


def unpublished(personas):
    e = f.make_published()
    e.report_published = False
    e.save(update_fields=["report_published"])
    return _pk(e)


def api_published(personas):
    return {"engagement_id": f.make_published().pk}


def api_unpublished(personas):
    return {"engagement_id": unpublished(personas)["pk"]}


MATRIX = [
    Route("assistance:index", access=PUBLIC),
    Route("assistance:public_detail", access=PUBLIC, kwargs=published),
    Route("assistance:public_detail", access=DENY_ALL, kwargs=unpublished,
          note="An unpublished report is a 404 on the public page, even for its client."),
    Route("assistance:public_report_pdf", access=PUBLIC, kwargs=published),
    Route("assistance:public_report_pdf", access=DENY_ALL, kwargs=unpublished),
    Route("assistance:request_create", access=OFFICIALS, note="Any official asks for her own comuna."),
    Route("assistance:request_create", access=OFFICIALS, method="POST", data={"title": ""}),
    Route("assistance:engagement_list", access=OFFICIALS),
    Route("assistance:board", access=STAFF_ONLY),
    Route("assistance:engagement_detail", access=COMUNA_A_OWNER, kwargs=engagement),
    Route("assistance:engagement_transition", access=STAFF_ONLY, kwargs=engagement, method="POST",
          data={"to": "en_alcance"}, note="The client may only withdraw; official_b gets a 404."),
    Route("assistance:engagement_transition", access=COMUNA_A_OWNER, kwargs=engagement, method="POST",
          data={"to": "desistida"}, note="The client withdraws its own request."),
    Route("assistance:self_assessment", access=COMUNA_A_OWNER, kwargs=engagement),
    Route("assistance:self_assessment", access=COMUNA_A_OWNER, kwargs=engagement, method="POST", data={}),
    Route("assistance:team_add", access=STAFF_ONLY, kwargs=engagement_scoping, method="POST", data={}),
    Route("assistance:conflict_declare", access=STAFF_ONLY, kwargs=team_member, method="POST",
          data={"has_conflict": ""}, note="Each member declares her own; the client may not declare for her."),
    Route("assistance:proposal_create", access=STAFF_ONLY, kwargs=engagement_scoping, method="POST", data={}),
    Route("assistance:proposal_detail", access=COMUNA_A_OWNER, kwargs=sent_proposal),
    Route("assistance:proposal_detail", access=STAFF_ONLY, kwargs=draft_proposal,
          note="A draft is a 404 for the client until it is sent."),
    Route("assistance:proposal_edit", access=STAFF_ONLY, kwargs=draft_proposal),
    Route("assistance:proposal_edit", access=STAFF_ONLY, kwargs=draft_proposal, method="POST", data={}),
    Route("assistance:proposal_send", access=STAFF_ONLY, kwargs=draft_proposal, method="POST", data={}),
    Route("assistance:proposal_accept", access=CLIENT_A, kwargs=sent_proposal, method="POST", data={}),
    Route("assistance:proposal_reject", access=CLIENT_A, kwargs=sent_proposal, method="POST",
          data={"reason": "Muy cara"}),
    Route("assistance:agreement_link", access=STAFF_ONLY, kwargs=accepted, method="POST", data={}),
    Route("assistance:deliverable_upload", access=STAFF_ONLY, kwargs=milestone_pending, method="POST", data={}),
    Route("assistance:deliverable_download", access=COMUNA_A_OWNER, kwargs=deliverable),
    Route("assistance:milestone_submit", access=STAFF_ONLY, kwargs=milestone_pending, method="POST", data={}),
    Route("assistance:milestone_review", access=CLIENT_A, kwargs=milestone_in_review, method="POST",
          data={"decision": "aceptar"}),
    Route("assistance:scope_change_create", access=COMUNA_A_OWNER, kwargs=executing, method="POST",
          data={"justification": "Agregar un taller", "delta_fee_clp": "500000", "delta_days": "10"}),
    Route("assistance:scope_change_decide", access=CLIENT_A, kwargs=scope_change, method="POST",
          data={"decision": "aprobar"}),
    Route("assistance:report_edit", access=STAFF_ONLY, kwargs=draft_report, method="POST", data={"summary": "x"}),
    Route("assistance:recommendation_add", access=STAFF_ONLY, kwargs=draft_report, method="POST", data={}),
    Route("assistance:recommendation_update", access=COMUNA_A_OWNER, kwargs=recommendation, method="POST",
          data={"kind": "avance", "progress": "20"}),
    Route("assistance:report_pdf", access=COMUNA_A_OWNER, kwargs=final_report),
    Route("assistance:report_publish", access=CLIENT_A, kwargs=final_report, method="POST",
          data={"publish": "0"}),
    Route("assistance:review_create", access=STAFF_ONLY, kwargs=final_report, method="POST", data={}),
    Route("assistance:survey", access=CLIENT_A, kwargs=final_report, method="POST", data={"satisfaction": "6"}),
    Route("api:assistance_counts", access=PUBLIC),
    Route("api:published_engagement_list", access=PUBLIC),
    Route("api:published_engagement_get", access=PUBLIC, kwargs=api_published),
    Route("api:published_engagement_get", access=DENY_ALL, kwargs=api_unpublished),
]
