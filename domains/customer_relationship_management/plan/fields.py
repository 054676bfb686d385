"""What createRelationshipPlan and updateRelationshipPlan ask for, as the bank names it (BIAN's
typed business objects), and their checks in Python before the database is touched: each turns the
request into the plan's properties (docs/relationship-plans.md), only those the client gave, and
the goal edits. Errors are VALIDATION naming the input field.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass
from typing import Any

from domains.customer_relationship_management.plan.rules import MAX_GOALS, NARRATIVE_LENGTH
from domains.customer_relationship_management.vocabulary import (
    BudgetType,
    CustomerRatingType,
    GoalResult,
    GoalType,
    PlanType,
)
from domains.inputs import text
from graph.errors import ValidationFailed

SHORT_LENGTH = 200
MAX_PLANNED_ACTIONS = 20
CURRENCY = re.compile(r"[A-Z]{3}")
# (attribute, plan property, longest allowed)
TEXTS = (("plan_type_name", "planTypeName", SHORT_LENGTH), ("description", "description", NARRATIVE_LENGTH),
         ("organisation", "organisation", SHORT_LENGTH), ("relationship_budget", "relationshipBudget", NARRATIVE_LENGTH),
         ("insight_type", "insightType", SHORT_LENGTH), ("insight_description", "insightDescription", NARRATIVE_LENGTH),
         ("product_coverage", "productCoverage", NARRATIVE_LENGTH), ("product_usage", "productUsage", NARRATIVE_LENGTH),
         ("eligibility_profile", "eligibilityProfile", NARRATIVE_LENGTH),
         ("profitability", "profitability", NARRATIVE_LENGTH),
         ("employee_business_unit_reference", "employeeBusinessUnitReference", SHORT_LENGTH))


@dataclass(frozen=True)
class Budget:
    """BIAN PlanBudget as asked."""

    type: BudgetType
    amount: float
    currency: str


@dataclass(frozen=True)
class Rating:
    """BIAN CustomerRelationshipRating as the RM records it."""

    type: CustomerRatingType
    value: str
    description: str | None
    date: datetime.date | None


@dataclass(frozen=True)
class PlanFields:
    """The plan's own fields as asked; None leaves a field unset (create) or unchanged (update)."""

    plan_type_name: str | None = None
    description: str | None = None
    organisation: str | None = None
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    review_due: datetime.date | None = None
    budget: Budget | None = None
    relationship_budget: str | None = None
    planned_actions: list[str] | None = None
    insight_type: str | None = None
    insight_description: str | None = None
    rating: Rating | None = None
    product_coverage: str | None = None
    product_usage: str | None = None
    eligibility_profile: str | None = None
    profitability: str | None = None
    employee_business_unit_reference: str | None = None


@dataclass(frozen=True)
class GoalAsked:
    """BIAN PlanGoal: a goal to set on a new plan."""

    goal_type: GoalType
    definition: str
    target: str
    organisation: str | None


@dataclass(frozen=True)
class GoalChangeAsked:
    """A change of a plan's goals: with goal_id, changes that goal; without, adds one."""

    goal_id: str | None
    goal_type: GoalType | None
    definition: str | None
    target: str | None
    result: GoalResult | None
    organisation: str | None


@dataclass(frozen=True)
class GoalEdit:
    """One entry of input.goals, checked: a change of goal `goal_id`, or (goal_id None) a goal to add."""

    index: int
    goal_id: str | None
    properties: dict[str, Any]


def _budget(budget: Budget) -> dict[str, Any]:
    if not math.isfinite(budget.amount) or budget.amount < 0:
        raise ValidationFailed(f"budget amount {budget.amount} must be 0 or more", field="input.budget.amount")
    if not CURRENCY.fullmatch(budget.currency):
        raise ValidationFailed(f"budget currency '{budget.currency}' must be three upper-case letters (ISO 4217, e.g. "
                               "GBP)", field="input.budget.currency")
    return {"budgetType": budget.type.name, "budgetAmount": float(budget.amount), "budgetCurrency": budget.currency}


def _rating(rating: Rating) -> dict[str, Any]:
    return {"ratingType": rating.type.name, "ratingValue": text(rating.value, "input.rating.value", SHORT_LENGTH),
            "ratingDescription": text(rating.description, "input.rating.description", NARRATIVE_LENGTH, required=False),
            "ratingDate": rating.date}


def _planned_actions(actions: list[str]) -> list[str]:
    if len(actions) > MAX_PLANNED_ACTIONS:
        raise ValidationFailed(f"{len(actions)} planned actions; at most {MAX_PLANNED_ACTIONS} are allowed",
                               field="input.plannedActions")
    return [str(text(a, f"input.plannedActions[{i}]", SHORT_LENGTH)) for i, a in enumerate(actions)]


def plan_fields(given: PlanFields, plan_type: PlanType | None) -> dict[str, Any]:
    """The plan properties given (text stripped and bounded); VALIDATION naming the field."""
    fields: dict[str, Any] = {}
    if plan_type is not None:
        fields["planType"] = plan_type.name
    for attribute, name, longest in TEXTS:
        value = getattr(given, attribute)
        if value is not None:
            fields[name] = text(value, f"input.{name}", longest)
    for attribute, name in (("valid_from", "validFrom"), ("valid_to", "validTo"), ("review_due", "reviewDue")):
        if getattr(given, attribute) is not None:
            fields[name] = getattr(given, attribute)
    if given.budget is not None:
        fields.update(_budget(given.budget))
    if given.rating is not None:
        fields.update(_rating(given.rating))
    if given.planned_actions is not None:
        fields["plannedActions"] = _planned_actions(given.planned_actions)
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


def create_goals(goals: list[GoalAsked] | None) -> list[dict[str, Any]]:
    goals = goals or []
    if len(goals) > MAX_GOALS:
        raise ValidationFailed(f"{len(goals)} goals; at most {MAX_GOALS} are allowed", field="input.goals")
    return [new_goal(i, g.goal_type, g.definition, g.target, g.organisation) for i, g in enumerate(goals)]


def goal_change(index: int, goal: GoalChangeAsked) -> dict[str, Any]:
    """The changes to an existing goal (goal_id given): only the fields given; VALIDATION when none is."""
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


def goal_edits(goals: list[GoalChangeAsked] | None) -> list[GoalEdit]:
    """The goal changes as edits: a change of a named goal (named once), or a goal to add."""
    edits, seen = [], set()
    for i, goal in enumerate(goals or []):
        if goal.goal_id is None:
            edits.append(GoalEdit(i, None, new_goal(i, goal.goal_type, goal.definition, goal.target, goal.organisation,
                                                    goal.result)))
            continue
        if goal.goal_id in seen:
            raise ValidationFailed(f"goal {goal.goal_id} is named twice; change it in one entry",
                                   field=f"input.goals[{i}].goalId")
        seen.add(goal.goal_id)
        edits.append(GoalEdit(i, goal.goal_id, goal_change(i, goal)))
    return edits
