"""Models of the learning app, split by concept: catalog (programs, batches, sessions),
enrolment (registrations, approvals, documents), results (attendance, tests, evaluation)
and certificates."""

from garda.learning.models.catalog import (
    ApprovalStep,
    Batch,
    BatchStatus,
    BatchUnitQuota,
    EvaluationDefault,
    Mode,
    Program,
    Provider,
    Session,
)
from garda.learning.models.certificates import (
    BadgeKey,
    CalendarToken,
    Certificate,
    CertificateSignatory,
)
from garda.learning.models.enrolment import (
    ApprovalDecision,
    DocumentStatus,
    Enrollment,
    EnrollmentApproval,
    EnrollmentDocument,
    EnrollmentStatus,
)
from garda.learning.models.results import (
    Attendance,
    AttendanceMethod,
    ChangeProject,
    FollowUp,
    FollowUpRespondent,
    Question,
    ReactionSurvey,
    TestAttempt,
    TestKind,
)

__all__ = [
    "ApprovalDecision",
    "ApprovalStep",
    "Attendance",
    "AttendanceMethod",
    "BadgeKey",
    "Batch",
    "BatchStatus",
    "BatchUnitQuota",
    "CalendarToken",
    "Certificate",
    "CertificateSignatory",
    "ChangeProject",
    "DocumentStatus",
    "Enrollment",
    "EnrollmentApproval",
    "EnrollmentDocument",
    "EnrollmentStatus",
    "EvaluationDefault",
    "FollowUp",
    "FollowUpRespondent",
    "Mode",
    "Program",
    "Provider",
    "Question",
    "ReactionSurvey",
    "Session",
    "TestAttempt",
    "TestKind",
]
