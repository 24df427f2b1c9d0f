"""Views of technical assistance, by area (thin: access helper → selector/service → template)."""

from .engagement import conflict_declare, engagement_detail, engagement_transition, self_assessment, team_add
from .execution import (
    deliverable_download,
    deliverable_upload,
    milestone_review,
    milestone_submit,
    scope_change_create,
    scope_change_decide,
)
from .proposals import (
    agreement_link,
    proposal_accept,
    proposal_create,
    proposal_detail,
    proposal_edit,
    proposal_reject,
    proposal_send,
)
from .public import board, engagement_list, index, public_detail, public_report_pdf, request_create
from .report import (
    recommendation_add,
    recommendation_update,
    report_edit,
    report_pdf,
    report_publish,
    review_create,
    survey,
)

__all__ = [
    "index",
    "public_detail",
    "public_report_pdf",
    "engagement_list",
    "board",
    "request_create",
    "engagement_detail",
    "engagement_transition",
    "self_assessment",
    "team_add",
    "conflict_declare",
    "proposal_create",
    "proposal_detail",
    "proposal_edit",
    "proposal_send",
    "proposal_accept",
    "proposal_reject",
    "agreement_link",
    "deliverable_upload",
    "deliverable_download",
    "milestone_submit",
    "milestone_review",
    "scope_change_create",
    "scope_change_decide",
    "report_edit",
    "recommendation_add",
    "recommendation_update",
    "report_pdf",
    "report_publish",
    "review_create",
    "survey",
]
