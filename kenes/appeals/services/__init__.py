"""Services of the appeals capability. Parts: intake (submission, idempotency, anti-abuse),
processing (the state machine and the statutory terms), personal (who saw personal data,
retention)."""

from kenes.appeals.services.abuse import Banned, IdempotencyConflict, RateLimited
from kenes.appeals.services.extension import (
    EXTENSION_MONTHS,
    EXTENSION_NOTICE_WORKING_DAYS,
    add_months,
    appeal_extend,
    extension_limit,
    extension_notice_due,
    extension_notice_record,
)
from kenes.appeals.services.intake import (
    ANSWER_WORKING_DAYS,
    AppealData,
    ApplicantData,
    appeal_submit,
)
from kenes.appeals.services.personal import applicant_view_record, applicants_erase_expired
from kenes.appeals.services.processing import (
    COMPLAINT_MONTHS,
    FORWARD_WORKING_DAYS,
    appeal_answer,
    appeal_assign,
    appeal_close,
    appeal_complain,
    appeal_forward,
    appeal_rate,
    appeal_reject,
    appeal_release,
    guess_language,
)

__all__ = [
    "ANSWER_WORKING_DAYS",
    "COMPLAINT_MONTHS",
    "EXTENSION_MONTHS",
    "EXTENSION_NOTICE_WORKING_DAYS",
    "FORWARD_WORKING_DAYS",
    "AppealData",
    "ApplicantData",
    "Banned",
    "IdempotencyConflict",
    "RateLimited",
    "add_months",
    "appeal_answer",
    "appeal_assign",
    "appeal_close",
    "appeal_complain",
    "appeal_extend",
    "appeal_forward",
    "appeal_rate",
    "appeal_reject",
    "appeal_release",
    "appeal_submit",
    "applicant_view_record",
    "applicants_erase_expired",
    "extension_limit",
    "extension_notice_due",
    "extension_notice_record",
    "guess_language",
]
