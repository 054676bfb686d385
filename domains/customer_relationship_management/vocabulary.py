"""The codes of the relationship plan and its behaviour qualifiers (Development, Incident, Contact),
and which moves between statuses are legal. BIAN names the business objects' fields; the statuses,
actions and priority are this gateway's extensions (docs/relationship-plans.md). Plain Enums: their
GraphQL descriptions are resolvers/customer_relationship_management/vocabulary.py's.
"""

from __future__ import annotations

import enum


class PlanType(enum.Enum):
    ADMINISTRATIVE = "ADMINISTRATIVE"
    MANAGEMENT = "MANAGEMENT"
    STRATEGY = "STRATEGY"
    FINANCIAL = "FINANCIAL"


class PlanStatus(enum.Enum):
    DRAFT = "DRAFT"
    VERIFIED = "VERIFIED"
    ACTIVE = "ACTIVE"
    SUSPENDED = "SUSPENDED"
    CLOSED = "CLOSED"
    REJECTED = "REJECTED"


# A customer has at most one open plan; development, incidents and contacts are recorded on open plans.
OPEN_PLAN_STATUSES = frozenset({PlanStatus.DRAFT, PlanStatus.VERIFIED, PlanStatus.ACTIVE, PlanStatus.SUSPENDED})


class PlanControlAction(enum.Enum):
    SUSPEND = "SUSPEND"
    RESUME = "RESUME"
    CLOSE = "CLOSE"


class PlanExchangeAction(enum.Enum):
    VERIFY = "VERIFY"
    ACCEPT = "ACCEPT"
    REJECT = "REJECT"


# action -> (the statuses it may start from, the status it leads to)
PLAN_MOVES: dict[PlanControlAction | PlanExchangeAction, tuple[frozenset[PlanStatus], PlanStatus]] = {
    PlanControlAction.SUSPEND: (frozenset({PlanStatus.ACTIVE}), PlanStatus.SUSPENDED),
    PlanControlAction.RESUME: (frozenset({PlanStatus.SUSPENDED}), PlanStatus.ACTIVE),
    PlanControlAction.CLOSE: (frozenset({PlanStatus.ACTIVE, PlanStatus.SUSPENDED}), PlanStatus.CLOSED),
    PlanExchangeAction.VERIFY: (frozenset({PlanStatus.DRAFT}), PlanStatus.VERIFIED),
    PlanExchangeAction.ACCEPT: (frozenset({PlanStatus.VERIFIED}), PlanStatus.ACTIVE),
    PlanExchangeAction.REJECT: (frozenset({PlanStatus.DRAFT, PlanStatus.VERIFIED}), PlanStatus.REJECTED),
}


class PlanRequestKind(enum.Enum):
    ARRANGE_MEETING = "ARRANGE_MEETING"
    REQUEST_REVIEW = "REQUEST_REVIEW"


class GoalType(enum.Enum):
    GROW_WALLET_SHARE = "GROW_WALLET_SHARE"
    RETAIN = "RETAIN"
    CROSS_SELL = "CROSS_SELL"
    DIGITAL_ADOPTION = "DIGITAL_ADOPTION"
    RISK_REDUCTION = "RISK_REDUCTION"
    SERVICE_QUALITY = "SERVICE_QUALITY"


class GoalResult(enum.Enum):
    NOT_STARTED = "NOT_STARTED"
    ON_TRACK = "ON_TRACK"
    AT_RISK = "AT_RISK"
    ACHIEVED = "ACHIEVED"
    MISSED = "MISSED"


class BudgetType(enum.Enum):
    OPERATING = "OPERATING"
    FINANCIAL = "FINANCIAL"
    RESOURCE = "RESOURCE"


class CustomerRatingType(enum.Enum):
    PROFITABILITY = "PROFITABILITY"
    CREDIT_RATING = "CREDIT_RATING"


class DevelopmentTaskType(enum.Enum):
    ACCOUNT_REVIEW = "ACCOUNT_REVIEW"
    NEEDS_ANALYSIS = "NEEDS_ANALYSIS"
    PROPOSAL = "PROPOSAL"
    MARKET_RESEARCH = "MARKET_RESEARCH"
    DOCUMENTATION = "DOCUMENTATION"
    FOLLOW_UP = "FOLLOW_UP"


class DevelopmentTaskStatus(enum.Enum):
    OPEN = "OPEN"
    REQUESTED = "REQUESTED"
    SUBMITTED = "SUBMITTED"
    ACCEPTED = "ACCEPTED"
    CANCELLED = "CANCELLED"


OPEN_DEVELOPMENT_STATUSES = frozenset({DevelopmentTaskStatus.OPEN, DevelopmentTaskStatus.REQUESTED,
                                       DevelopmentTaskStatus.SUBMITTED})


class DevelopmentExchangeAction(enum.Enum):
    SUBMIT = "SUBMIT"
    ACCEPT = "ACCEPT"
    REJECT = "REJECT"
    CANCEL = "CANCEL"


DEVELOPMENT_MOVES: dict[DevelopmentExchangeAction, tuple[frozenset[DevelopmentTaskStatus], DevelopmentTaskStatus]] = {
    DevelopmentExchangeAction.SUBMIT: (frozenset({DevelopmentTaskStatus.OPEN, DevelopmentTaskStatus.REQUESTED}),
                                       DevelopmentTaskStatus.SUBMITTED),
    DevelopmentExchangeAction.ACCEPT: (frozenset({DevelopmentTaskStatus.SUBMITTED}), DevelopmentTaskStatus.ACCEPTED),
    DevelopmentExchangeAction.REJECT: (frozenset({DevelopmentTaskStatus.SUBMITTED}), DevelopmentTaskStatus.REQUESTED),
    DevelopmentExchangeAction.CANCEL: (OPEN_DEVELOPMENT_STATUSES, DevelopmentTaskStatus.CANCELLED),
}


class WorkProductType(enum.Enum):
    DOCUMENT = "DOCUMENT"
    WORKING_PAPER = "WORKING_PAPER"
    ACTIVITY_LOG = "ACTIVITY_LOG"
    FORM = "FORM"
    FILE = "FILE"
    MEETING_SCHEDULE = "MEETING_SCHEDULE"
    MEETING_MINUTE = "MEETING_MINUTE"


class IncidentType(enum.Enum):
    COMPLAINT = "COMPLAINT"
    SERVICE_FAILURE = "SERVICE_FAILURE"
    PRODUCT_FAILURE = "PRODUCT_FAILURE"
    PAYMENT_ISSUE = "PAYMENT_ISSUE"
    ACCESS_ISSUE = "ACCESS_ISSUE"
    OTHER = "OTHER"


class IncidentSource(enum.Enum):
    CUSTOMER = "CUSTOMER"
    RELATIONSHIP_MANAGER = "RELATIONSHIP_MANAGER"
    SERVICING = "SERVICING"
    PRODUCT_FULFILMENT = "PRODUCT_FULFILMENT"
    MONITORING = "MONITORING"


class IncidentStatus(enum.Enum):
    OPEN = "OPEN"
    IN_PROGRESS = "IN_PROGRESS"
    ON_HOLD = "ON_HOLD"
    RESOLVED = "RESOLVED"
    CLOSED = "CLOSED"


OPEN_INCIDENT_STATUSES = frozenset({IncidentStatus.OPEN, IncidentStatus.IN_PROGRESS, IncidentStatus.ON_HOLD})


class IncidentControlAction(enum.Enum):
    RAISE_PRIORITY = "RAISE_PRIORITY"
    LOWER_PRIORITY = "LOWER_PRIORITY"
    HOLD = "HOLD"
    RESUME = "RESUME"


class IncidentExchangeAction(enum.Enum):
    ACKNOWLEDGE = "ACKNOWLEDGE"
    RESOLVE = "RESOLVE"
    REOPEN = "REOPEN"
    CLOSE = "CLOSE"


INCIDENT_MOVES: dict[IncidentControlAction | IncidentExchangeAction, tuple[frozenset[IncidentStatus], IncidentStatus]] = {
    IncidentControlAction.HOLD: (frozenset({IncidentStatus.OPEN, IncidentStatus.IN_PROGRESS}), IncidentStatus.ON_HOLD),
    IncidentControlAction.RESUME: (frozenset({IncidentStatus.ON_HOLD}), IncidentStatus.IN_PROGRESS),
    IncidentExchangeAction.ACKNOWLEDGE: (frozenset({IncidentStatus.OPEN}), IncidentStatus.IN_PROGRESS),
    IncidentExchangeAction.RESOLVE: (OPEN_INCIDENT_STATUSES, IncidentStatus.RESOLVED),
    IncidentExchangeAction.REOPEN: (frozenset({IncidentStatus.RESOLVED}), IncidentStatus.IN_PROGRESS),
    IncidentExchangeAction.CLOSE: (frozenset({IncidentStatus.RESOLVED}), IncidentStatus.CLOSED),
}
INCIDENT_PRIORITIES = range(1, 6)  # 1 the least urgent .. 5 the most


class ContactType(enum.Enum):
    MEETING = "MEETING"
    CALL = "CALL"
    VIDEO_CALL = "VIDEO_CALL"
    VISIT = "VISIT"
    EMAIL = "EMAIL"
    MESSAGE = "MESSAGE"


class ContactStatus(enum.Enum):
    SCHEDULED = "SCHEDULED"
    HELD = "HELD"
    NO_SHOW = "NO_SHOW"
    CANCELLED = "CANCELLED"


class ContactRequestAction(enum.Enum):
    RESCHEDULE = "RESCHEDULE"
    CANCEL = "CANCEL"


class ContactDevice(enum.Enum):
    MOBILE = "MOBILE"
    TABLET = "TABLET"
    PERSONAL_COMPUTER = "PERSONAL_COMPUTER"
    UNKNOWN = "UNKNOWN"

