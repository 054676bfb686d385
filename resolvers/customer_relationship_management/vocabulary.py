"""The codes of the relationship plan and its behaviour qualifiers (Development, Incident, Contact),
and which moves between statuses are legal. BIAN names the business objects' fields; the statuses,
actions and priority are this gateway's extensions (docs/relationship-plans.md).
"""

from __future__ import annotations

import enum

import strawberry


@strawberry.enum(description="BIAN PlanType: what the relationship plan is for.")
class PlanType(enum.Enum):
    ADMINISTRATIVE = strawberry.enum_value("ADMINISTRATIVE", description="BIAN AdministrativePlan.")
    MANAGEMENT = strawberry.enum_value("MANAGEMENT", description="BIAN ManagementPlan: the ongoing relationship.")
    STRATEGY = strawberry.enum_value("STRATEGY", description="BIAN StratgyPlan: where the relationship should go.")
    FINANCIAL = strawberry.enum_value("FINANCIAL", description="BIAN FinancialPlan: budget, revenue and wallet targets.")


@strawberry.enum(description="Where a relationship plan is in its life (extension).")
class PlanStatus(enum.Enum):
    DRAFT = strawberry.enum_value("DRAFT", description="Created, not yet verified.")
    VERIFIED = strawberry.enum_value("VERIFIED", description="Checked by someone other than its creator; awaits acceptance.")
    ACTIVE = strawberry.enum_value("ACTIVE", description="Accepted: the plan the relationship is worked to.")
    SUSPENDED = strawberry.enum_value("SUSPENDED", description="Set aside for a while; resumed to ACTIVE.")
    CLOSED = strawberry.enum_value("CLOSED", description="Ended. Final.")
    REJECTED = strawberry.enum_value("REJECTED", description="Turned down before it became active. Final.")


# A customer has at most one open plan; development, incidents and contacts are recorded on open plans.
OPEN_PLAN_STATUSES = frozenset({PlanStatus.DRAFT, PlanStatus.VERIFIED, PlanStatus.ACTIVE, PlanStatus.SUSPENDED})


@strawberry.enum(description="BIAN Control on a plan: suspend, resume or close it.")
class PlanControlAction(enum.Enum):
    SUSPEND = strawberry.enum_value("SUSPEND", description="ACTIVE → SUSPENDED.")
    RESUME = strawberry.enum_value("RESUME", description="SUSPENDED → ACTIVE.")
    CLOSE = strawberry.enum_value("CLOSE", description="ACTIVE or SUSPENDED → CLOSED.")


@strawberry.enum(description="BIAN Exchange on a plan: verify, accept or reject it.")
class PlanExchangeAction(enum.Enum):
    VERIFY = strawberry.enum_value("VERIFY", description="DRAFT → VERIFIED; by someone other than its creator.")
    ACCEPT = strawberry.enum_value("ACCEPT", description="VERIFIED → ACTIVE.")
    REJECT = strawberry.enum_value("REJECT", description="DRAFT or VERIFIED → REJECTED; needs a reason.")


# action -> (the statuses it may start from, the status it leads to)
PLAN_MOVES: dict[PlanControlAction | PlanExchangeAction, tuple[frozenset[PlanStatus], PlanStatus]] = {
    PlanControlAction.SUSPEND: (frozenset({PlanStatus.ACTIVE}), PlanStatus.SUSPENDED),
    PlanControlAction.RESUME: (frozenset({PlanStatus.SUSPENDED}), PlanStatus.ACTIVE),
    PlanControlAction.CLOSE: (frozenset({PlanStatus.ACTIVE, PlanStatus.SUSPENDED}), PlanStatus.CLOSED),
    PlanExchangeAction.VERIFY: (frozenset({PlanStatus.DRAFT}), PlanStatus.VERIFIED),
    PlanExchangeAction.ACCEPT: (frozenset({PlanStatus.VERIFIED}), PlanStatus.ACTIVE),
    PlanExchangeAction.REJECT: (frozenset({PlanStatus.DRAFT, PlanStatus.VERIFIED}), PlanStatus.REJECTED),
}


@strawberry.enum(description="BIAN Request on a plan: what is asked of it.")
class PlanRequestKind(enum.Enum):
    ARRANGE_MEETING = strawberry.enum_value(
        "ARRANGE_MEETING", description="Schedule a meeting with the customer: a plan contact and a Relationship event.")
    REQUEST_REVIEW = strawberry.enum_value(
        "REQUEST_REVIEW", description="Bring the plan's review forward to a date (default today).")


@strawberry.enum(description="BIAN GoalType: what a plan goal aims at.")
class GoalType(enum.Enum):
    GROW_WALLET_SHARE = strawberry.enum_value("GROW_WALLET_SHARE", description="More of the customer's banking with us.")
    RETAIN = strawberry.enum_value("RETAIN", description="Keep the customer and their balances.")
    CROSS_SELL = strawberry.enum_value("CROSS_SELL", description="Products the customer does not hold yet.")
    DIGITAL_ADOPTION = strawberry.enum_value("DIGITAL_ADOPTION", description="The customer self-serves online.")
    RISK_REDUCTION = strawberry.enum_value("RISK_REDUCTION", description="Lower credit or conduct risk.")
    SERVICE_QUALITY = strawberry.enum_value("SERVICE_QUALITY", description="Fewer incidents, better outcomes.")


@strawberry.enum(description="BIAN GoalResult: how a goal stands.")
class GoalResult(enum.Enum):
    NOT_STARTED = strawberry.enum_value("NOT_STARTED", description="Nothing done yet.")
    ON_TRACK = strawberry.enum_value("ON_TRACK", description="Progressing as planned.")
    AT_RISK = strawberry.enum_value("AT_RISK", description="Behind; needs attention.")
    ACHIEVED = strawberry.enum_value("ACHIEVED", description="Met. Final.")
    MISSED = strawberry.enum_value("MISSED", description="Not met by the plan's end. Final.")


@strawberry.enum(description="BIAN BudgetType of a plan's budget.")
class BudgetType(enum.Enum):
    OPERATING = strawberry.enum_value("OPERATING", description="BIAN OperatingBudget.")
    FINANCIAL = strawberry.enum_value("FINANCIAL", description="BIAN FinancialBudget.")
    RESOURCE = strawberry.enum_value("RESOURCE", description="BIAN ResourceBudget.")


@strawberry.enum(description="BIAN CustomerRatingType of the plan's customer rating.")
class CustomerRatingType(enum.Enum):
    PROFITABILITY = strawberry.enum_value("PROFITABILITY", description="BIAN Customerprofitability.")
    CREDIT_RATING = strawberry.enum_value("CREDIT_RATING", description="BIAN Customercreditrating.")


@strawberry.enum(description="BIAN CustomerDevelopmentTaskType: what a development task does for the relationship.")
class DevelopmentTaskType(enum.Enum):
    ACCOUNT_REVIEW = strawberry.enum_value("ACCOUNT_REVIEW", description="Review the customer's accounts and usage.")
    NEEDS_ANALYSIS = strawberry.enum_value("NEEDS_ANALYSIS", description="Analyse the customer's needs.")
    PROPOSAL = strawberry.enum_value("PROPOSAL", description="Prepare a proposal for the customer.")
    MARKET_RESEARCH = strawberry.enum_value("MARKET_RESEARCH", description="External insight on the customer's market.")
    DOCUMENTATION = strawberry.enum_value("DOCUMENTATION", description="Collect or prepare documents.")
    FOLLOW_UP = strawberry.enum_value("FOLLOW_UP", description="Follow up an earlier contact.")


@strawberry.enum(description="Where a development task is (extension).")
class DevelopmentTaskStatus(enum.Enum):
    OPEN = strawberry.enum_value("OPEN", description="Created; nobody has been asked to do it yet.")
    REQUESTED = strawberry.enum_value("REQUESTED", description="Its assignee was asked to carry it out (BIAN Request).")
    SUBMITTED = strawberry.enum_value("SUBMITTED", description="The result and work products were handed over.")
    ACCEPTED = strawberry.enum_value("ACCEPTED", description="The result was accepted. Final.")
    CANCELLED = strawberry.enum_value("CANCELLED", description="Dropped. Final.")


OPEN_DEVELOPMENT_STATUSES = frozenset({DevelopmentTaskStatus.OPEN, DevelopmentTaskStatus.REQUESTED,
                                       DevelopmentTaskStatus.SUBMITTED})


@strawberry.enum(description="BIAN Exchange on a development task: hand over, accept, send back or cancel.")
class DevelopmentExchangeAction(enum.Enum):
    SUBMIT = strawberry.enum_value("SUBMIT", description="OPEN or REQUESTED → SUBMITTED; needs a result.")
    ACCEPT = strawberry.enum_value("ACCEPT", description="SUBMITTED → ACCEPTED.")
    REJECT = strawberry.enum_value("REJECT", description="SUBMITTED → REQUESTED: rework, with a reason.")
    CANCEL = strawberry.enum_value("CANCEL", description="Any open status → CANCELLED, with a reason.")


DEVELOPMENT_MOVES: dict[DevelopmentExchangeAction, tuple[frozenset[DevelopmentTaskStatus], DevelopmentTaskStatus]] = {
    DevelopmentExchangeAction.SUBMIT: (frozenset({DevelopmentTaskStatus.OPEN, DevelopmentTaskStatus.REQUESTED}),
                                       DevelopmentTaskStatus.SUBMITTED),
    DevelopmentExchangeAction.ACCEPT: (frozenset({DevelopmentTaskStatus.SUBMITTED}), DevelopmentTaskStatus.ACCEPTED),
    DevelopmentExchangeAction.REJECT: (frozenset({DevelopmentTaskStatus.SUBMITTED}), DevelopmentTaskStatus.REQUESTED),
    DevelopmentExchangeAction.CANCEL: (OPEN_DEVELOPMENT_STATUSES, DevelopmentTaskStatus.CANCELLED),
}


@strawberry.enum(description="BIAN WorkProductType: what a development task produced.")
class WorkProductType(enum.Enum):
    DOCUMENT = strawberry.enum_value("DOCUMENT", description="BIAN Document.")
    WORKING_PAPER = strawberry.enum_value("WORKING_PAPER", description="BIAN WorkingPaper.")
    ACTIVITY_LOG = strawberry.enum_value("ACTIVITY_LOG", description="BIAN ActivityLog.")
    FORM = strawberry.enum_value("FORM", description="BIAN Form.")
    FILE = strawberry.enum_value("FILE", description="BIAN File.")
    MEETING_SCHEDULE = strawberry.enum_value("MEETING_SCHEDULE", description="BIAN MeetingSchedule.")
    MEETING_MINUTE = strawberry.enum_value("MEETING_MINUTE", description="BIAN MeetingMinute.")


@strawberry.enum(description="BIAN CustomerIncidentType: what went wrong for the customer.")
class IncidentType(enum.Enum):
    COMPLAINT = strawberry.enum_value("COMPLAINT", description="The customer complained.")
    SERVICE_FAILURE = strawberry.enum_value("SERVICE_FAILURE", description="A servicing contact went wrong.")
    PRODUCT_FAILURE = strawberry.enum_value("PRODUCT_FAILURE", description="A product's processing failed.")
    PAYMENT_ISSUE = strawberry.enum_value("PAYMENT_ISSUE", description="A payment was late, wrong or missing.")
    ACCESS_ISSUE = strawberry.enum_value("ACCESS_ISSUE", description="The customer could not reach their accounts.")
    OTHER = strawberry.enum_value("OTHER", description="Anything else; say what in the description.")


@strawberry.enum(description="BIAN CustomerIncidentSource: who or what raised the incident.")
class IncidentSource(enum.Enum):
    CUSTOMER = strawberry.enum_value("CUSTOMER", description="The customer told us.")
    RELATIONSHIP_MANAGER = strawberry.enum_value("RELATIONSHIP_MANAGER", description="The RM noticed it.")
    SERVICING = strawberry.enum_value("SERVICING", description="A servicing contact raised it.")
    PRODUCT_FULFILMENT = strawberry.enum_value("PRODUCT_FULFILMENT", description="A product's fulfilment reported it.")
    MONITORING = strawberry.enum_value("MONITORING", description="Automated monitoring flagged it.")


@strawberry.enum(description="Where an incident is (extension).")
class IncidentStatus(enum.Enum):
    OPEN = strawberry.enum_value("OPEN", description="Raised; nobody is on it yet.")
    IN_PROGRESS = strawberry.enum_value("IN_PROGRESS", description="Acknowledged and being worked.")
    ON_HOLD = strawberry.enum_value("ON_HOLD", description="Waiting (e.g. on the customer or a third party).")
    RESOLVED = strawberry.enum_value("RESOLVED", description="A resolution was given; awaits closing.")
    CLOSED = strawberry.enum_value("CLOSED", description="Done. Final.")


OPEN_INCIDENT_STATUSES = frozenset({IncidentStatus.OPEN, IncidentStatus.IN_PROGRESS, IncidentStatus.ON_HOLD})


@strawberry.enum(description="BIAN Control on an incident: its priority and whether it is worked.")
class IncidentControlAction(enum.Enum):
    RAISE_PRIORITY = strawberry.enum_value("RAISE_PRIORITY", description="Priority one step up (at most 5).")
    LOWER_PRIORITY = strawberry.enum_value("LOWER_PRIORITY", description="Priority one step down (at least 1).")
    HOLD = strawberry.enum_value("HOLD", description="OPEN or IN_PROGRESS → ON_HOLD.")
    RESUME = strawberry.enum_value("RESUME", description="ON_HOLD → IN_PROGRESS.")


@strawberry.enum(description="BIAN Exchange on an incident: acknowledge, resolve, reopen or close.")
class IncidentExchangeAction(enum.Enum):
    ACKNOWLEDGE = strawberry.enum_value("ACKNOWLEDGE", description="OPEN → IN_PROGRESS.")
    RESOLVE = strawberry.enum_value("RESOLVE", description="OPEN, IN_PROGRESS or ON_HOLD → RESOLVED; needs a resolution.")
    REOPEN = strawberry.enum_value("REOPEN", description="RESOLVED → IN_PROGRESS; with a reason.")
    CLOSE = strawberry.enum_value("CLOSE", description="RESOLVED → CLOSED.")


INCIDENT_MOVES: dict[IncidentControlAction | IncidentExchangeAction, tuple[frozenset[IncidentStatus], IncidentStatus]] = {
    IncidentControlAction.HOLD: (frozenset({IncidentStatus.OPEN, IncidentStatus.IN_PROGRESS}), IncidentStatus.ON_HOLD),
    IncidentControlAction.RESUME: (frozenset({IncidentStatus.ON_HOLD}), IncidentStatus.IN_PROGRESS),
    IncidentExchangeAction.ACKNOWLEDGE: (frozenset({IncidentStatus.OPEN}), IncidentStatus.IN_PROGRESS),
    IncidentExchangeAction.RESOLVE: (OPEN_INCIDENT_STATUSES, IncidentStatus.RESOLVED),
    IncidentExchangeAction.REOPEN: (frozenset({IncidentStatus.RESOLVED}), IncidentStatus.IN_PROGRESS),
    IncidentExchangeAction.CLOSE: (frozenset({IncidentStatus.RESOLVED}), IncidentStatus.CLOSED),
}
INCIDENT_PRIORITIES = range(1, 6)  # 1 the least urgent .. 5 the most


@strawberry.enum(description="BIAN ContactType of a plan contact.")
class ContactType(enum.Enum):
    MEETING = strawberry.enum_value("MEETING", description="A meeting in person.")
    CALL = strawberry.enum_value("CALL", description="A phone call.")
    VIDEO_CALL = strawberry.enum_value("VIDEO_CALL", description="A video call.")
    VISIT = strawberry.enum_value("VISIT", description="A visit to the customer's premises.")
    EMAIL = strawberry.enum_value("EMAIL", description="An e-mail exchange.")
    MESSAGE = strawberry.enum_value("MESSAGE", description="A secure message.")


@strawberry.enum(description="Where a plan contact is (extension).")
class ContactStatus(enum.Enum):
    SCHEDULED = strawberry.enum_value("SCHEDULED", description="Arranged for a date and time.")
    HELD = strawberry.enum_value("HELD", description="It took place; its result is recorded.")
    NO_SHOW = strawberry.enum_value("NO_SHOW", description="The customer did not attend. Final.")
    CANCELLED = strawberry.enum_value("CANCELLED", description="Called off. Final.")


@strawberry.enum(description="BIAN Request on a plan contact: move it or call it off.")
class ContactRequestAction(enum.Enum):
    RESCHEDULE = strawberry.enum_value("RESCHEDULE", description="A SCHEDULED contact gets a new date and time.")
    CANCEL = strawberry.enum_value("CANCEL", description="A SCHEDULED contact → CANCELLED; with a reason.")


@strawberry.enum(description="BIAN DeviceType: the device a contact used.")
class ContactDevice(enum.Enum):
    MOBILE = strawberry.enum_value("MOBILE", description="BIAN Mobile.")
    TABLET = strawberry.enum_value("TABLET", description="BIAN Tablet.")
    PERSONAL_COMPUTER = strawberry.enum_value("PERSONAL_COMPUTER", description="BIAN Personalcomputer.")
    UNKNOWN = strawberry.enum_value("UNKNOWN", description="BIAN Unknown.")

