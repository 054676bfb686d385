"""What createRelationshipPlan and updateRelationshipPlan accept (BIAN's typed business objects in
camelCase), and their checks in Python before the database is touched: each turns the input into
the plan's properties (docs/relationship-plans.md), only those the client gave, and the goal edits
(domains/customer_relationship_management/plan/update.GoalEdit) the domain's steps take.
"""

from __future__ import annotations

import datetime
import math
import re
from typing import Any

import strawberry

from domains.customer_relationship_management.plan.rules import MAX_GOALS, NARRATIVE_LENGTH
from domains.customer_relationship_management.plan.update import GoalEdit
from domains.inputs import text
from graph.errors import ValidationFailed
from resolvers.customer_relationship_management.vocabulary import (
    BudgetType,
    CustomerRatingType,
    GoalResult,
    GoalType,
    PlanType,
)

SHORT_LENGTH = 200
MAX_PLANNED_ACTIONS = 20
CURRENCY = re.compile(r"[A-Z]{3}")
# (input attribute, plan property, longest allowed)
TEXTS = (("plan_type_name", "planTypeName", SHORT_LENGTH), ("description", "description", NARRATIVE_LENGTH),
         ("organisation", "organisation", SHORT_LENGTH), ("relationship_budget", "relationshipBudget", NARRATIVE_LENGTH),
         ("insight_type", "insightType", SHORT_LENGTH), ("insight_description", "insightDescription", NARRATIVE_LENGTH),
         ("product_coverage", "productCoverage", NARRATIVE_LENGTH), ("product_usage", "productUsage", NARRATIVE_LENGTH),
         ("eligibility_profile", "eligibilityProfile", NARRATIVE_LENGTH),
         ("profitability", "profitability", NARRATIVE_LENGTH),
         ("employee_business_unit_reference", "employeeBusinessUnitReference", SHORT_LENGTH))


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


def _budget(budget: BudgetInput) -> dict[str, Any]:
    if not math.isfinite(budget.amount) or budget.amount < 0:
        raise ValidationFailed(f"budget amount {budget.amount} must be 0 or more", field="input.budget.amount")
    if not CURRENCY.fullmatch(budget.currency):
        raise ValidationFailed(f"budget currency '{budget.currency}' must be three upper-case letters (ISO 4217, e.g. "
                               "GBP)", field="input.budget.currency")
    return {"budgetType": budget.type.name, "budgetAmount": float(budget.amount), "budgetCurrency": budget.currency}


def _rating(rating: CustomerRatingInput) -> dict[str, Any]:
    return {"ratingType": rating.type.name, "ratingValue": text(rating.value, "input.rating.value", SHORT_LENGTH),
            "ratingDescription": text(rating.description, "input.rating.description", NARRATIVE_LENGTH, required=False),
            "ratingDate": rating.date}


def _planned_actions(actions: list[str]) -> list[str]:
    if len(actions) > MAX_PLANNED_ACTIONS:
        raise ValidationFailed(f"{len(actions)} planned actions; at most {MAX_PLANNED_ACTIONS} are allowed",
                               field="input.plannedActions")
    return [str(text(a, f"input.plannedActions[{i}]", SHORT_LENGTH)) for i, a in enumerate(actions)]


def plan_fields(input: PlanFieldsInput, plan_type: PlanType | None) -> dict[str, Any]:
    """The plan properties the input gives (text stripped and bounded); VALIDATION naming the field."""
    fields: dict[str, Any] = {}
    if plan_type is not None:
        fields["planType"] = plan_type.name
    for attribute, name, longest in TEXTS:
        value = getattr(input, attribute)
        if value is not None:
            fields[name] = text(value, f"input.{name}", longest)
    for attribute, name in (("valid_from", "validFrom"), ("valid_to", "validTo"), ("review_due", "reviewDue")):
        if getattr(input, attribute) is not None:
            fields[name] = getattr(input, attribute)
    if input.budget is not None:
        fields.update(_budget(input.budget))
    if input.rating is not None:
        fields.update(_rating(input.rating))
    if input.planned_actions is not None:
        fields["plannedActions"] = _planned_actions(input.planned_actions)
    return fields


def new_goal(index: int, goal_type: GoalType | None, definition: str | None, target: str | None,
             organisation: str | None, result: GoalResult | None = None) -> dict[str, Any]:
    """A goal to add, without its id; VALIDATION naming input.goals[index].<field>."""
    at = f"input.goals[{index}]"
    if goal_type is None:
        raise ValidationFailed("a new goal needs a goalType (or name an existing goal by goalId)", field=f"{at}.goalType")
    for name, value in (("definition", definition), ("target", target)):
        if value is None:
            raise ValidationFailed(f"a new goal needs a {name}", field=f"{at}.{name}")
    return {"goalType": goal_type.name, "definition": text(definition, f"{at}.definition", NARRATIVE_LENGTH),
            "target": text(target, f"{at}.target", SHORT_LENGTH),
            "organisation": text(organisation, f"{at}.organisation", SHORT_LENGTH, required=False),
            "result": (result or GoalResult.NOT_STARTED).name}


def create_goals(goals: list[GoalInput] | None) -> list[dict[str, Any]]:
    goals = goals or []
    if len(goals) > MAX_GOALS:
        raise ValidationFailed(f"{len(goals)} goals; at most {MAX_GOALS} are allowed", field="input.goals")
    return [new_goal(i, g.goal_type, g.definition, g.target, g.organisation) for i, g in enumerate(goals)]


def goal_change(index: int, goal: GoalUpdateInput) -> dict[str, Any]:
    """The changes to an existing goal (goalId given): only the fields given; VALIDATION when none is."""
    at = f"input.goals[{index}]"
    if goal.goal_type is not None:
        raise ValidationFailed("an existing goal keeps its goalType; add a new goal instead", field=f"{at}.goalType")
    change: dict[str, Any] = {}
    if goal.definition is not None:
        change["definition"] = text(goal.definition, f"{at}.definition", NARRATIVE_LENGTH)
    if goal.target is not None:
        change["target"] = text(goal.target, f"{at}.target", SHORT_LENGTH)
    if goal.organisation is not None:
        change["organisation"] = text(goal.organisation, f"{at}.organisation", SHORT_LENGTH)
    if goal.result is not None:
        change["result"] = goal.result.name
    if not change:
        raise ValidationFailed("give the goal's definition, target, result or organisation to change", field=at)
    return change


def goal_edits(input: UpdateRelationshipPlanInput) -> list[GoalEdit]:
    """input.goals as edits: a change of a named goal (named once), or a goal to add."""
    edits, seen = [], set()
    for i, goal in enumerate(input.goals or []):
        if goal.goal_id is None:
            edits.append(GoalEdit(i, None, new_goal(i, goal.goal_type, goal.definition, goal.target, goal.organisation,
                                                    goal.result)))
            continue
        if str(goal.goal_id) in seen:
            raise ValidationFailed(f"goal {goal.goal_id} is named twice; change it in one entry",
                                   field=f"input.goals[{i}].goalId")
        seen.add(str(goal.goal_id))
        edits.append(GoalEdit(i, str(goal.goal_id), goal_change(i, goal)))
    return edits
