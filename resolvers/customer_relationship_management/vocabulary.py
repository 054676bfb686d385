"""The relationship plan's codes as GraphQL enums: the domain's plain Enums
(domains/customer_relationship_management/vocabulary.py) wrapped by Strawberry in place, with the
descriptions of each enum and of its members. The classes stay the domain's own, so a resolver hands
a member to the domain as it is; import the enums from here, so they are wrapped before a type uses them.
"""

from __future__ import annotations

from domains.customer_relationship_management.vocabulary import (
    BudgetType,
    ContactDevice,
    ContactRequestAction,
    ContactStatus,
    ContactType,
    CustomerRatingType,
    DevelopmentExchangeAction,
    DevelopmentTaskStatus,
    DevelopmentTaskType,
    GoalResult,
    GoalType,
    IncidentControlAction,
    IncidentExchangeAction,
    IncidentSource,
    IncidentStatus,
    IncidentType,
    PlanControlAction,
    PlanExchangeAction,
    PlanRequestKind,
    PlanStatus,
    PlanType,
    WorkProductType,
)
from resolvers.described_enum import described_enum

__all__ = [
    "PlanType", "PlanStatus", "PlanControlAction", "PlanExchangeAction", "PlanRequestKind", "GoalType", "GoalResult",
    "BudgetType", "CustomerRatingType", "DevelopmentTaskType", "DevelopmentTaskStatus", "DevelopmentExchangeAction",
    "WorkProductType", "IncidentType", "IncidentSource", "IncidentStatus", "IncidentControlAction",
    "IncidentExchangeAction", "ContactType", "ContactStatus", "ContactRequestAction", "ContactDevice",
]

described_enum(PlanType, "BIAN PlanType: what the relationship plan is for.", {
    "ADMINISTRATIVE": "BIAN AdministrativePlan.",
    "MANAGEMENT": "BIAN ManagementPlan: the ongoing relationship.",
    "STRATEGY": "BIAN StratgyPlan: where the relationship should go.",
    "FINANCIAL": "BIAN FinancialPlan: budget, revenue and wallet targets.",
})

described_enum(PlanStatus, "Where a relationship plan is in its life (extension).", {
    "DRAFT": "Created, not yet verified.",
    "VERIFIED": "Checked by someone other than its creator; awaits acceptance.",
    "ACTIVE": "Accepted: the plan the relationship is worked to.",
    "SUSPENDED": "Set aside for a while; resumed to ACTIVE.",
    "CLOSED": "Ended. Final.",
    "REJECTED": "Turned down before it became active. Final.",
})

described_enum(PlanControlAction, "BIAN Control on a plan: suspend, resume or close it.", {
    "SUSPEND": "ACTIVE → SUSPENDED.",
    "RESUME": "SUSPENDED → ACTIVE.",
    "CLOSE": "ACTIVE or SUSPENDED → CLOSED.",
})

described_enum(PlanExchangeAction, "BIAN Exchange on a plan: verify, accept or reject it.", {
    "VERIFY": "DRAFT → VERIFIED; by someone other than its creator.",
    "ACCEPT": "VERIFIED → ACTIVE.",
    "REJECT": "DRAFT or VERIFIED → REJECTED; needs a reason.",
})

described_enum(PlanRequestKind, "BIAN Request on a plan: what is asked of it.", {
    "ARRANGE_MEETING": "Schedule a meeting with the customer: a plan contact and a Relationship event.",
    "REQUEST_REVIEW": "Bring the plan's review forward to a date (default today).",
})

described_enum(GoalType, "BIAN GoalType: what a plan goal aims at.", {
    "GROW_WALLET_SHARE": "More of the customer's banking with us.",
    "RETAIN": "Keep the customer and their balances.",
    "CROSS_SELL": "Products the customer does not hold yet.",
    "DIGITAL_ADOPTION": "The customer self-serves online.",
    "RISK_REDUCTION": "Lower credit or conduct risk.",
    "SERVICE_QUALITY": "Fewer incidents, better outcomes.",
})

described_enum(GoalResult, "BIAN GoalResult: how a goal stands.", {
    "NOT_STARTED": "Nothing done yet.",
    "ON_TRACK": "Progressing as planned.",
    "AT_RISK": "Behind; needs attention.",
    "ACHIEVED": "Met. Final.",
    "MISSED": "Not met by the plan's end. Final.",
})

described_enum(BudgetType, "BIAN BudgetType of a plan's budget.", {
    "OPERATING": "BIAN OperatingBudget.",
    "FINANCIAL": "BIAN FinancialBudget.",
    "RESOURCE": "BIAN ResourceBudget.",
})

described_enum(CustomerRatingType, "BIAN CustomerRatingType of the plan's customer rating.", {
    "PROFITABILITY": "BIAN Customerprofitability.",
    "CREDIT_RATING": "BIAN Customercreditrating.",
})

described_enum(DevelopmentTaskType, "BIAN CustomerDevelopmentTaskType: what a development task does for the relationship.", {
    "ACCOUNT_REVIEW": "Review the customer's accounts and usage.",
    "NEEDS_ANALYSIS": "Analyse the customer's needs.",
    "PROPOSAL": "Prepare a proposal for the customer.",
    "MARKET_RESEARCH": "External insight on the customer's market.",
    "DOCUMENTATION": "Collect or prepare documents.",
    "FOLLOW_UP": "Follow up an earlier contact.",
})

described_enum(DevelopmentTaskStatus, "Where a development task is (extension).", {
    "OPEN": "Created; nobody has been asked to do it yet.",
    "REQUESTED": "Its assignee was asked to carry it out (BIAN Request).",
    "SUBMITTED": "The result and work products were handed over.",
    "ACCEPTED": "The result was accepted. Final.",
    "CANCELLED": "Dropped. Final.",
})

described_enum(DevelopmentExchangeAction, "BIAN Exchange on a development task: hand over, accept, send back or cancel.", {
    "SUBMIT": "OPEN or REQUESTED → SUBMITTED; needs a result.",
    "ACCEPT": "SUBMITTED → ACCEPTED.",
    "REJECT": "SUBMITTED → REQUESTED: rework, with a reason.",
    "CANCEL": "Any open status → CANCELLED, with a reason.",
})

described_enum(WorkProductType, "BIAN WorkProductType: what a development task produced.", {
    "DOCUMENT": "BIAN Document.",
    "WORKING_PAPER": "BIAN WorkingPaper.",
    "ACTIVITY_LOG": "BIAN ActivityLog.",
    "FORM": "BIAN Form.",
    "FILE": "BIAN File.",
    "MEETING_SCHEDULE": "BIAN MeetingSchedule.",
    "MEETING_MINUTE": "BIAN MeetingMinute.",
})

described_enum(IncidentType, "BIAN CustomerIncidentType: what went wrong for the customer.", {
    "COMPLAINT": "The customer complained.",
    "SERVICE_FAILURE": "A servicing contact went wrong.",
    "PRODUCT_FAILURE": "A product's processing failed.",
    "PAYMENT_ISSUE": "A payment was late, wrong or missing.",
    "ACCESS_ISSUE": "The customer could not reach their accounts.",
    "OTHER": "Anything else; say what in the description.",
})

described_enum(IncidentSource, "BIAN CustomerIncidentSource: who or what raised the incident.", {
    "CUSTOMER": "The customer told us.",
    "RELATIONSHIP_MANAGER": "The RM noticed it.",
    "SERVICING": "A servicing contact raised it.",
    "PRODUCT_FULFILMENT": "A product's fulfilment reported it.",
    "MONITORING": "Automated monitoring flagged it.",
})

described_enum(IncidentStatus, "Where an incident is (extension).", {
    "OPEN": "Raised; nobody is on it yet.",
    "IN_PROGRESS": "Acknowledged and being worked.",
    "ON_HOLD": "Waiting (e.g. on the customer or a third party).",
    "RESOLVED": "A resolution was given; awaits closing.",
    "CLOSED": "Done. Final.",
})

described_enum(IncidentControlAction, "BIAN Control on an incident: its priority and whether it is worked.", {
    "RAISE_PRIORITY": "Priority one step up (at most 5).",
    "LOWER_PRIORITY": "Priority one step down (at least 1).",
    "HOLD": "OPEN or IN_PROGRESS → ON_HOLD.",
    "RESUME": "ON_HOLD → IN_PROGRESS.",
})

described_enum(IncidentExchangeAction, "BIAN Exchange on an incident: acknowledge, resolve, reopen or close.", {
    "ACKNOWLEDGE": "OPEN → IN_PROGRESS.",
    "RESOLVE": "OPEN, IN_PROGRESS or ON_HOLD → RESOLVED; needs a resolution.",
    "REOPEN": "RESOLVED → IN_PROGRESS; with a reason.",
    "CLOSE": "RESOLVED → CLOSED.",
})

described_enum(ContactType, "BIAN ContactType of a plan contact.", {
    "MEETING": "A meeting in person.",
    "CALL": "A phone call.",
    "VIDEO_CALL": "A video call.",
    "VISIT": "A visit to the customer's premises.",
    "EMAIL": "An e-mail exchange.",
    "MESSAGE": "A secure message.",
})

described_enum(ContactStatus, "Where a plan contact is (extension).", {
    "SCHEDULED": "Arranged for a date and time.",
    "HELD": "It took place; its result is recorded.",
    "NO_SHOW": "The customer did not attend. Final.",
    "CANCELLED": "Called off. Final.",
})

described_enum(ContactRequestAction, "BIAN Request on a plan contact: move it or call it off.", {
    "RESCHEDULE": "A SCHEDULED contact gets a new date and time.",
    "CANCEL": "A SCHEDULED contact → CANCELLED; with a reason.",
})

described_enum(ContactDevice, "BIAN DeviceType: the device a contact used.", {
    "MOBILE": "BIAN Mobile.",
    "TABLET": "BIAN Tablet.",
    "PERSONAL_COMPUTER": "BIAN Personalcomputer.",
    "UNKNOWN": "BIAN Unknown.",
})
