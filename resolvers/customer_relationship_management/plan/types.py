"""The relationship plan as the schema shows it (BIAN CustomerRelationshipManagementPlan and its
business objects), built from one row of plan_by_id.cypher by `RelationshipPlan.from_record`.

Analysts read plans without narratives: `insightDescription` is null for them.
"""

from __future__ import annotations

import datetime

import strawberry

from domains.customer_relationship_management.access import shows_narratives
from domains.customer_relationship_management.steps import Changed
from gateway.security.auth import Principal
from graph.database import Record
from graph.temporal import native
from resolvers.customer_relationship_management.plan.insights import PlanInsights
from resolvers.customer_relationship_management.references import ResourceReference, resource_reference
from resolvers.customer_relationship_management.vocabulary import (
    BudgetType,
    ContactStatus,
    ContactType,
    CustomerRatingType,
    DevelopmentTaskStatus,
    DevelopmentTaskType,
    GoalResult,
    GoalType,
    IncidentStatus,
    IncidentType,
    PlanStatus,
    PlanType,
)
from resolvers.lead_and_opportunity_management.lead_model import Campaign


@strawberry.type(description="The customer a relationship plan is for (BIAN CustomerReference).")
class PlanCustomer:
    customer_id: strawberry.ID = strawberry.field(description="The customer's identifier, e.g. C0000001.")
    name: str = strawberry.field(description="The customer's name.")
    segment: str | None = strawberry.field(description="The customer's segment, e.g. PREMIER.")


@strawberry.type(description="BIAN PlanValidityPeriod: the dates a plan applies between.")
class PlanValidity:
    valid_from: datetime.date = strawberry.field(description="The first day the plan applies.")
    valid_to: datetime.date = strawberry.field(description="The last day the plan applies.")


@strawberry.type(description="BIAN PlanGoal: one goal of a relationship plan.")
class Goal:
    goal_id: strawberry.ID = strawberry.field(description="The goal's identifier, <planId>-G<n>.")
    goal_type: GoalType = strawberry.field(description="BIAN GoalType: what the goal aims at.")
    definition: str = strawberry.field(description="BIAN GoalDefinition: the goal in words.")
    target: str = strawberry.field(description="BIAN GoalTarget: what counts as reaching it.")
    result: GoalResult = strawberry.field(description="BIAN GoalResult: how it stands; ACHIEVED and MISSED are final.")
    organisation: str | None = strawberry.field(description="BIAN GoalOrganisation: who in the bank pursues it.")

    @classmethod
    def from_record(cls, row: Record) -> Goal:
        return cls(goal_id=strawberry.ID(row["goalId"]), goal_type=GoalType(row["goalType"]),
                   definition=row["definition"], target=row["target"],
                   result=GoalResult(row.get("result") or GoalResult.NOT_STARTED.name),
                   organisation=row.get("organisation"))


@strawberry.type(description="BIAN PlanBudget: the budget set aside for a plan.")
class PlanBudget:
    type: BudgetType = strawberry.field(description="BIAN BudgetType.")
    amount: float = strawberry.field(description="The amount, 0 or more.")
    currency: str = strawberry.field(description="ISO 4217 currency code, e.g. GBP.")


@strawberry.type(description="BIAN CustomerRelationshipRating as the RM recorded it on the plan.")
class CustomerRating:
    type: CustomerRatingType = strawberry.field(description="BIAN CustomerRatingType.")
    value: str = strawberry.field(description="The rating's value, e.g. A or 7.")
    description: str | None = strawberry.field(description="What the rating rests on.")
    date: datetime.date | None = strawberry.field(description="When it was rated.")


@strawberry.type(description="A campaign a plan qualifies the customer for (BIAN Grant), and who granted it.")
class PlanCampaignQualification:
    campaign: Campaign = strawberry.field(description="The campaign (BIAN CustomerCampaignReference).")
    granted_at: datetime.datetime = strawberry.field(description="When the plan was qualified for it.")
    granted_by: str = strawberry.field(description="Who granted it (token subject).")
    reason: str | None = strawberry.field(description="Why.")


@strawberry.type(description="A development task of the plan in brief (BIAN CustomerDevelopmentTask); "
                              "Query.relationshipDevelopment gives it whole.")
class PlanDevelopmentTaskSummary:
    task_id: strawberry.ID = strawberry.field(description="The task's identifier.")
    task_type: DevelopmentTaskType = strawberry.field(description="BIAN CustomerDevelopmentTaskType.")
    status: DevelopmentTaskStatus = strawberry.field(description="Where the task is.")
    due_on: datetime.date | None = strawberry.field(description="When it is due, if set.")


@strawberry.type(description="An incident of the plan in brief (BIAN CustomerIncident); "
                              "Query.relationshipIncident gives it whole.")
class PlanIncidentSummary:
    incident_id: strawberry.ID = strawberry.field(description="The incident's identifier.")
    incident_type: IncidentType = strawberry.field(description="BIAN CustomerIncidentType.")
    status: IncidentStatus = strawberry.field(description="Where the incident is.")
    priority: int | None = strawberry.field(description="1 the least urgent .. 5 the most.")
    created_at: datetime.datetime | None = strawberry.field(description="When it was raised.")


@strawberry.type(description="A contact of the plan in brief (BIAN CustomerContact); "
                              "Query.relationshipContact gives it whole.")
class PlanContactSummary:
    contact_id: strawberry.ID = strawberry.field(description="The contact's identifier.")
    contact_type: ContactType = strawberry.field(description="BIAN ContactType.")
    status: ContactStatus = strawberry.field(description="Where the contact is.")
    scheduled_at: datetime.datetime | None = strawberry.field(description="BIAN ContactDateTime.")


def _budget(plan: Record) -> PlanBudget | None:
    if plan.get("budgetType") is None:
        return None
    return PlanBudget(type=BudgetType(plan["budgetType"]), amount=float(plan["budgetAmount"]),
                      currency=plan["budgetCurrency"])


def _rating(plan: Record) -> CustomerRating | None:
    if plan.get("ratingType") is None:
        return None
    return CustomerRating(type=CustomerRatingType(plan["ratingType"]), value=plan["ratingValue"],
                          description=plan.get("ratingDescription"), date=native(plan.get("ratingDate")))


def _campaigns(plan: Record) -> list[PlanCampaignQualification]:
    out = []
    for grant in plan["campaigns"]:
        campaign = Campaign.from_record(grant["campaign"])
        assert campaign is not None  # a QUALIFIES_FOR always ends at a campaign
        out.append(PlanCampaignQualification(campaign=campaign, granted_at=native(grant["grantedAt"]),
                                             granted_by=grant["grantedBy"], reason=grant.get("reason")))
    return out


def _tasks(plan: Record) -> list[PlanDevelopmentTaskSummary]:
    return [PlanDevelopmentTaskSummary(task_id=strawberry.ID(t["taskId"]), task_type=DevelopmentTaskType(t["taskType"]),
                                       status=DevelopmentTaskStatus(t["status"]), due_on=native(t.get("dueOn")))
            for t in plan["developmentTasks"]]


def _incidents(plan: Record) -> list[PlanIncidentSummary]:
    return [PlanIncidentSummary(incident_id=strawberry.ID(i["incidentId"]), incident_type=IncidentType(i["incidentType"]),
                                status=IncidentStatus(i["status"]), priority=i.get("priority"),
                                created_at=native(i.get("createdAt")))
            for i in plan["incidents"]]


def _contacts(plan: Record) -> list[PlanContactSummary]:
    return [PlanContactSummary(contact_id=strawberry.ID(c["contactId"]), contact_type=ContactType(c["contactType"]),
                               status=ContactStatus(c["status"]), scheduled_at=native(c.get("scheduledAt")))
            for c in plan["contacts"]]


@strawberry.type(description="A relationship plan (BIAN CustomerRelationshipManagementPlan): the plan, targets and "
                              "activities for a managed customer, with what the graph says about the customer.")
class RelationshipPlan:
    plan_id: strawberry.ID = strawberry.field(
        description="The plan's identifier (BIAN CustomerRelationshipManagementPlanReference), RP- and a UUID.")
    customer: PlanCustomer = strawberry.field(description="BIAN CustomerReference: the customer the plan is for.")
    owner: ResourceReference | None = strawberry.field(description="The relationship manager who owns the plan.")
    plan_type: PlanType = strawberry.field(description="BIAN PlanType.")
    plan_type_name: str | None = strawberry.field(description="BIAN PlanTypeName: the plan's name in the bank's words.")
    status: PlanStatus = strawberry.field(description="Where the plan is in its life (extension).")
    status_reason: str | None = strawberry.field(description="Why it has its status, e.g. why it was suspended.")
    description: str | None = strawberry.field(description="BIAN PlanDescription.")
    organisation: str | None = strawberry.field(description="BIAN PlanOrganisation: who in the bank runs the plan.")
    validity: PlanValidity = strawberry.field(description="BIAN PlanValidityPeriod.")
    review_due: datetime.date | None = strawberry.field(description="When the plan is next due for review.")
    goals: list[Goal] = strawberry.field(description="BIAN PlanGoal: the plan's goals, in the order they were set.")
    budget: PlanBudget | None = strawberry.field(description="BIAN PlanBudget.")
    relationship_budget: str | None = strawberry.field(description="BIAN CustomerRelationshipBudget, in words.")
    planned_actions: list[str] = strawberry.field(description="BIAN PlannedAction: what the RM intends to do.")
    insight_type: str | None = strawberry.field(description="BIAN CustomerInsightType, e.g. LIFE_STAGE.")
    insight_description: str | None = strawberry.field(
        description="BIAN CustomerInsightDescription (a narrative): null for analysts.")
    rating: CustomerRating | None = strawberry.field(description="BIAN CustomerRelationshipRating as recorded.")
    product_coverage: str | None = strawberry.field(description="BIAN CustomerProductCoverage: the RM's notes.")
    product_usage: str | None = strawberry.field(description="BIAN CustomerProductUsage: the RM's notes.")
    eligibility_profile: str | None = strawberry.field(
        description="BIAN CustomerProductEligibilityProfile: the RM's notes.")
    profitability: str | None = strawberry.field(description="BIAN CustomerProfitability: the RM's notes.")
    employee_business_unit_reference: str | None = strawberry.field(
        description="BIAN EmployeeBusinessUnitReference: the unit the plan belongs to.")
    campaigns: list[PlanCampaignQualification] = strawberry.field(
        description="The campaigns the plan qualifies the customer for (BIAN Grant).")
    development_tasks: list[PlanDevelopmentTaskSummary] = strawberry.field(
        description="The plan's development tasks in brief (BIAN Development), oldest first.")
    incidents: list[PlanIncidentSummary] = strawberry.field(
        description="The plan's incidents in brief (BIAN Incident), oldest first.")
    contacts: list[PlanContactSummary] = strawberry.field(
        description="The plan's contacts in brief (BIAN Contact), by scheduled time.")
    insights: PlanInsights = strawberry.field(description="What the graph says about the customer now.")
    created_at: datetime.datetime = strawberry.field(description="When the plan was created.")
    created_by: str = strawberry.field(description="Who created it (token subject).")
    updated_at: datetime.datetime = strawberry.field(description="Its last change.")
    updated_by: str = strawberry.field(description="Who made its last change (token subject).")
    verified_at: datetime.datetime | None = strawberry.field(description="When it was verified (Exchange VERIFY).")
    verified_by: str | None = strawberry.field(description="Who verified it: never its creator.")
    accepted_at: datetime.datetime | None = strawberry.field(description="When it was accepted (Exchange ACCEPT).")
    closed_at: datetime.datetime | None = strawberry.field(description="When it was closed (Control CLOSE).")

    @classmethod
    def from_record(cls, plan: Record, narratives: bool) -> RelationshipPlan:
        owner, customer = plan.get("owner"), plan["customer"]
        return cls(
            plan_id=strawberry.ID(plan["planId"]),
            customer=PlanCustomer(customer_id=strawberry.ID(customer["customerId"]), name=customer["name"],
                                  segment=customer.get("segment")),
            owner=resource_reference(owner),
            plan_type=PlanType(plan["planType"]), plan_type_name=plan.get("planTypeName"),
            status=PlanStatus(plan["status"]), status_reason=plan.get("statusReason"),
            description=plan.get("description"), organisation=plan.get("organisation"),
            validity=PlanValidity(valid_from=native(plan["validFrom"]), valid_to=native(plan["validTo"])),
            review_due=native(plan.get("reviewDue")), goals=[Goal.from_record(g) for g in plan["goals"]],
            budget=_budget(plan), relationship_budget=plan.get("relationshipBudget"),
            planned_actions=list(plan.get("plannedActions") or []), insight_type=plan.get("insightType"),
            insight_description=plan.get("insightDescription") if narratives else None, rating=_rating(plan),
            product_coverage=plan.get("productCoverage"), product_usage=plan.get("productUsage"),
            eligibility_profile=plan.get("eligibilityProfile"), profitability=plan.get("profitability"),
            employee_business_unit_reference=plan.get("employeeBusinessUnitReference"),
            campaigns=_campaigns(plan), development_tasks=_tasks(plan), incidents=_incidents(plan),
            contacts=_contacts(plan), insights=PlanInsights.from_record(plan["insights"]),
            created_at=native(plan["createdAt"]), created_by=plan["createdBy"], updated_at=native(plan["updatedAt"]),
            updated_by=plan["updatedBy"], verified_at=native(plan.get("verifiedAt")), verified_by=plan.get("verifiedBy"),
            accepted_at=native(plan.get("acceptedAt")), closed_at=native(plan.get("closedAt")),
        )


@strawberry.type(description="A relationship plan in brief, as a customer's list of plans shows it.")
class RelationshipPlanSummary:
    plan_id: strawberry.ID = strawberry.field(description="The plan's identifier.")
    plan_type: PlanType = strawberry.field(description="BIAN PlanType.")
    status: PlanStatus = strawberry.field(description="Where the plan is in its life.")
    status_reason: str | None = strawberry.field(description="Why it has its status.")
    description: str | None = strawberry.field(description="BIAN PlanDescription.")
    validity: PlanValidity = strawberry.field(description="BIAN PlanValidityPeriod.")
    review_due: datetime.date | None = strawberry.field(description="When the plan is next due for review.")
    owner: ResourceReference | None = strawberry.field(description="The relationship manager who owns it.")
    goal_count: int = strawberry.field(description="How many goals it has.")
    created_at: datetime.datetime = strawberry.field(description="When it was created.")
    closed_at: datetime.datetime | None = strawberry.field(description="When it was closed.")

    @classmethod
    def from_record(cls, plan: Record) -> RelationshipPlanSummary:
        owner = plan.get("owner")
        return cls(plan_id=strawberry.ID(plan["planId"]), plan_type=PlanType(plan["planType"]),
                   status=PlanStatus(plan["status"]), status_reason=plan.get("statusReason"),
                   description=plan.get("description"),
                   validity=PlanValidity(valid_from=native(plan["validFrom"]), valid_to=native(plan["validTo"])),
                   review_due=native(plan.get("reviewDue")),
                   owner=resource_reference(owner),
                   goal_count=int(plan["goalCount"]), created_at=native(plan["createdAt"]),
                   closed_at=native(plan.get("closedAt")))


@strawberry.type(description="The answer to a change of a relationship plan: the plan as it is now, and whether "
                              "the request was a replay.")
class RelationshipPlanOutcome:
    plan: RelationshipPlan = strawberry.field(description="The plan created or changed, as it stands now.")
    replayed: bool = strawberry.field(
        description="True when the idempotency key was used before: nothing was written; the plan the first "
                    "request created or changed, as it is now.")

    @classmethod
    def of(cls, changed: Changed[Record], who: Principal) -> RelationshipPlanOutcome:
        return cls(plan=RelationshipPlan.from_record(changed.record, shows_narratives(who)), replayed=changed.replayed)
