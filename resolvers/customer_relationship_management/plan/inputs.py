"""What createRelationshipPlan and updateRelationshipPlan accept (BIAN's typed business objects in
camelCase), and each input as the domain's request (domains/customer_relationship_management/plan/
fields.py, which checks them before the database is touched).
"""

from __future__ import annotations

import datetime

import strawberry

from domains.customer_relationship_management.plan.fields import (
    Budget,
    GoalAsked,
    GoalChangeAsked,
    PlanFields,
    Rating,
)
from resolvers.customer_relationship_management.vocabulary import (
    BudgetType,
    CustomerRatingType,
    GoalResult,
    GoalType,
    PlanType,
)


@strawberry.input(description="BIAN PlanGoal: a goal to set on a plan.")
class GoalInput:
    goal_type: GoalType = strawberry.field(description="BIAN GoalType.")
    definition: str = strawberry.field(description="BIAN GoalDefinition, at most 2000 characters.")
    target: str = strawberry.field(description="BIAN GoalTarget: what counts as reaching it, at most 200 characters.")
    organisation: str | None = strawberry.field(
        default=None, description="BIAN GoalOrganisation: who pursues it, at most 200 characters.")


@strawberry.input(description="A change of a plan's goals: with goalId, changes that goal; without, adds a goal "
                              "(goalType, definition and target then required).")
class GoalUpdateInput:
    goal_id: strawberry.ID | None = strawberry.field(default=None, description="The goal to change (<planId>-G<n>).")
    goal_type: GoalType | None = strawberry.field(
        default=None, description="BIAN GoalType of a new goal (an existing goal keeps its type).")
    definition: str | None = strawberry.field(default=None, description="BIAN GoalDefinition, at most 2000 characters.")
    target: str | None = strawberry.field(default=None, description="BIAN GoalTarget, at most 200 characters.")
    result: GoalResult | None = strawberry.field(
        default=None, description="BIAN GoalResult; ACHIEVED and MISSED are final (changing them: CONFLICT).")
    organisation: str | None = strawberry.field(default=None, description="BIAN GoalOrganisation, at most 200 characters.")


@strawberry.input(description="BIAN PlanBudget.")
class BudgetInput:
    type: BudgetType = strawberry.field(description="BIAN BudgetType.")
    amount: float = strawberry.field(description="The amount, 0 or more.")
    currency: str = strawberry.field(description="ISO 4217 code: three upper-case letters, e.g. GBP.")


@strawberry.input(description="BIAN CustomerRelationshipRating as the RM records it.")
class CustomerRatingInput:
    type: CustomerRatingType = strawberry.field(description="BIAN CustomerRatingType.")
    value: str = strawberry.field(description="The rating, at most 200 characters, e.g. A or 7.")
    description: str | None = strawberry.field(default=None, description="What it rests on, at most 2000 characters.")
    date: datetime.date | None = strawberry.field(default=None, description="When it was rated.")


@strawberry.input(description="What both createRelationshipPlan and updateRelationshipPlan may set.")
class PlanFieldsInput:
    plan_type_name: str | None = strawberry.field(default=None, description="BIAN PlanTypeName, at most 200 characters.")
    description: str | None = strawberry.field(default=None, description="BIAN PlanDescription, at most 2000 characters.")
    organisation: str | None = strawberry.field(default=None, description="BIAN PlanOrganisation, at most 200 characters.")
    valid_from: datetime.date | None = strawberry.field(
        default=None, description="BIAN PlanValidityPeriod start (on create default today); before validTo.")
    valid_to: datetime.date | None = strawberry.field(
        default=None, description="BIAN PlanValidityPeriod end (on create default a year after validFrom).")
    review_due: datetime.date | None = strawberry.field(
        default=None, description="When the plan is next reviewed, within its validity (on create default validFrom "
                                  "+ 182 days, at most validTo).")
    budget: BudgetInput | None = strawberry.field(default=None, description="BIAN PlanBudget.")
    relationship_budget: str | None = strawberry.field(
        default=None, description="BIAN CustomerRelationshipBudget, at most 2000 characters.")
    planned_actions: list[str] | None = strawberry.field(
        default=None, description="BIAN PlannedAction: at most 20, each at most 200 characters (on update: replaces "
                                  "the list).")
    insight_type: str | None = strawberry.field(default=None, description="BIAN CustomerInsightType, at most 200 characters.")
    insight_description: str | None = strawberry.field(
        default=None, description="BIAN CustomerInsightDescription (a narrative), at most 2000 characters.")
    rating: CustomerRatingInput | None = strawberry.field(default=None, description="BIAN CustomerRelationshipRating.")
    product_coverage: str | None = strawberry.field(
        default=None, description="BIAN CustomerProductCoverage: the RM's notes, at most 2000 characters.")
    product_usage: str | None = strawberry.field(
        default=None, description="BIAN CustomerProductUsage: the RM's notes, at most 2000 characters.")
    eligibility_profile: str | None = strawberry.field(
        default=None, description="BIAN CustomerProductEligibilityProfile: the RM's notes, at most 2000 characters.")
    profitability: str | None = strawberry.field(
        default=None, description="BIAN CustomerProfitability: the RM's notes, at most 2000 characters.")
    employee_business_unit_reference: str | None = strawberry.field(
        default=None, description="BIAN EmployeeBusinessUnitReference, at most 200 characters.")
    owner_id: strawberry.ID | None = strawberry.field(
        default=None, description="The relationship manager to own the plan: a ServicingResource of kind "
                                  "RELATIONSHIP_MANAGER (on create default the customer's RM; on update only the "
                                  "current owner or an admin may change it).")


@strawberry.input(description="A relationship plan to create (BIAN Create CustomerRelationshipManagementPlan); it "
                              "starts DRAFT.")
class CreateRelationshipPlanInput(PlanFieldsInput):
    customer_id: strawberry.ID = strawberry.field(description="BIAN CustomerReference: the customer; must exist.")
    plan_type: PlanType = strawberry.field(description="BIAN PlanType.")
    goals: list[GoalInput] | None = strawberry.field(default=None, description="BIAN PlanGoal: at most 10.")


@strawberry.input(description="Changes to an open relationship plan (BIAN Update CustomerRelationshipManagementPlan); "
                              "only given fields change.")
class UpdateRelationshipPlanInput(PlanFieldsInput):
    plan_id: strawberry.ID = strawberry.field(description="The plan to change.")
    plan_type: PlanType | None = strawberry.field(default=None, description="BIAN PlanType.")
    goals: list[GoalUpdateInput] | None = strawberry.field(
        default=None, description="Goals to change (by goalId) or add; at most 10 goals in all.")


def fields_asked(input: PlanFieldsInput) -> PlanFields:
    budget, rating = input.budget, input.rating
    return PlanFields(
        plan_type_name=input.plan_type_name, description=input.description, organisation=input.organisation,
        valid_from=input.valid_from, valid_to=input.valid_to, review_due=input.review_due,
        budget=None if budget is None else Budget(budget.type, budget.amount, budget.currency),
        relationship_budget=input.relationship_budget, planned_actions=input.planned_actions,
        insight_type=input.insight_type, insight_description=input.insight_description,
        rating=None if rating is None else Rating(rating.type, rating.value, rating.description, rating.date),
        product_coverage=input.product_coverage, product_usage=input.product_usage,
        eligibility_profile=input.eligibility_profile, profitability=input.profitability,
        employee_business_unit_reference=input.employee_business_unit_reference)


def goals_asked(goals: list[GoalInput] | None) -> list[GoalAsked] | None:
    return None if goals is None else [GoalAsked(g.goal_type, g.definition, g.target, g.organisation) for g in goals]


def goal_changes_asked(goals: list[GoalUpdateInput] | None) -> list[GoalChangeAsked] | None:
    return None if goals is None else [
        GoalChangeAsked(None if g.goal_id is None else str(g.goal_id), g.goal_type, g.definition, g.target, g.result,
                        g.organisation) for g in goals]
