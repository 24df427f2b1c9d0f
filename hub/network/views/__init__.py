"""Network views, one module per area (practices and replications; events and awards); urls.py reaches them
through this package."""

from .events import (
    award_detail,
    award_list,
    event_detail,
    event_list,
    nomination_create,
    nomination_winner,
    registration_attendance,
    registration_cancel,
    registration_create,
    registration_edit,
)
from .practices import (
    my_practices,
    network_overview,
    practice_create,
    practice_detail,
    practice_edit,
    practice_list,
    practice_review,
    practice_submit,
    replication_create,
    replication_edit,
    review_queue,
    solution_replication_create,
)

__all__ = [
    "award_detail",
    "award_list",
    "event_detail",
    "event_list",
    "my_practices",
    "network_overview",
    "nomination_create",
    "nomination_winner",
    "practice_create",
    "practice_detail",
    "practice_edit",
    "practice_list",
    "practice_review",
    "practice_submit",
    "registration_attendance",
    "registration_cancel",
    "registration_create",
    "registration_edit",
    "replication_create",
    "replication_edit",
    "review_queue",
    "solution_replication_create",
]
