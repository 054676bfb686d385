"""BIAN Create of the CustomerRelationshipManagementPlan: createRelationshipPlan.

The input is checked in Python first (texts, dates, goals, budget). Then one write transaction:
the customer must be in the principal's book; the customer is locked, so concurrent creations for
one customer run one at a time and the second sees the first's open plan; a repeated idempotency
key answers the first plan; the owner (named, or the customer's RM) and the one-open-plan rule are
checked; the plan is created DRAFT with its goals and PLAN_CREATED is logged.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from domains.customer_relationship_management.vocabulary import OPEN_PLAN_STATUSES
from gateway.security.auth import Principal
from graph.database import Record, Transaction
from graph.errors import Conflict, NotFound, ValidationFailed
from graph.queries import load
from resolvers.contact_routing.vocabulary import ResourceKind
from resolvers.customer_relationship_management.access import require_in_book
from resolvers.customer_relationship_management.plan.inputs import (
    CreateRelationshipPlanInput,
    check_validity,
    create_goals,
    one_year_on,
    plan_fields,
)
from resolvers.customer_relationship_management.plan.read import read_plan
from resolvers.customer_relationship_management.plan.types import RelationshipPlanOutcome
from resolvers.customer_relationship_management.steps import StepKey, log_plan_step, prior_step
from resolvers.customer_relationship_management.vocabulary import PlanStatus

PLAN_CUSTOMER_LOCK = load("customer_relationship_management/plan_customer_lock")
PLAN_CREATE = load("customer_relationship_management/plan_create")

REVIEW_AFTER = datetime.timedelta(days=182)


@dataclass(frozen=True)
class PlanCreation:
    """A checked createRelationshipPlan request: the plan's properties with the defaults applied."""

    customer_id: str
    properties: dict[str, Any]
    goals: list[dict[str, Any]]
    owner_id: str | None
    step: StepKey


def _with_validity(fields: dict[str, Any], today: datetime.date) -> dict[str, Any]:
    valid_from = fields.get("validFrom") or today
    valid_to = fields.get("validTo") or one_year_on(valid_from)
    review_due = fields.get("reviewDue") or min(valid_from + REVIEW_AFTER, valid_to)
    check_validity(valid_from, valid_to, review_due, fields)
    return {**fields, "validFrom": valid_from, "validTo": valid_to, "reviewDue": review_due}


def creation(input: CreateRelationshipPlanInput, key: str | None, by: str) -> PlanCreation:
    """The request checked in Python; VALIDATION naming the input field."""
    fields = plan_fields(input, input.plan_type)
    goals = create_goals(input.goals)
    customer_id = str(input.customer_id)
    owner_id = None if input.owner_id is None else str(input.owner_id)
    # The fingerprint covers what the client sent, not the defaults, so a retry tomorrow still replays.
    step = StepKey.of(key, "createRelationshipPlan",
                      {"customerId": customer_id, "fields": fields, "goals": goals, "ownerId": owner_id}, by)
    today = datetime.datetime.now(datetime.UTC).date()
    return PlanCreation(customer_id=customer_id, properties=_with_validity(fields, today), goals=goals,
                        owner_id=owner_id, step=step)


def _owner(c: PlanCreation, row: Record) -> str:
    """The named owner if it may own a plan, else the customer's relationship manager."""
    if c.owner_id is not None:
        named = row["namedOwner"]
        if named is None:
            raise NotFound(f"no servicing resource has the id {c.owner_id}", field="input.ownerId")
        if named["kind"] != ResourceKind.RELATIONSHIP_MANAGER.name:
            raise ValidationFailed(f"servicing resource {c.owner_id} is a {named['kind']}: only a "
                                   "RELATIONSHIP_MANAGER may own a relationship plan", field="input.ownerId")
        return c.owner_id
    manager: str | None = row["relationshipManagerId"]
    if manager is None:
        raise Conflict(f"customer {c.customer_id} has no relationship manager to own the plan: assign one to the "
                       "customer, or name an owner in ownerId", field="input.ownerId")
    return manager


async def _create(tx: Transaction, who: Principal, c: PlanCreation) -> tuple[str, bool]:
    await require_in_book(tx, who, "input.customerId", customer_id=c.customer_id)
    rows = await tx.run(PLAN_CUSTOMER_LOCK, create={"customerId": c.customer_id, "ownerId": c.owner_id,
                                                    "openStatuses": [s.name for s in OPEN_PLAN_STATUSES]})
    if not rows:  # deleted since the book check
        raise NotFound(f"no customer has the id {c.customer_id}", field="input.customerId")
    row = rows[0]
    prior = await prior_step(tx, c.step)
    if prior is not None and prior.plan_id is not None:
        return prior.plan_id, True
    owner = _owner(c, row)
    if row["openPlanIds"]:
        raise Conflict(f"customer {c.customer_id} already has an open relationship plan, {row['openPlanIds'][0]}: "
                       "update it, or close or reject it before creating another", field="input.customerId")
    plan_id = f"RP-{uuid.uuid4()}"
    now, by = row["now"], who.subject
    properties = {**c.properties, "planId": plan_id, "status": PlanStatus.DRAFT.name, "createdAt": now,
                  "createdBy": by, "updatedAt": now, "updatedBy": by}
    goals = [{**goal, "goalId": f"{plan_id}-G{n}"} for n, goal in enumerate(c.goals, start=1)]
    await tx.run(PLAN_CREATE, plan={"customerId": c.customer_id, "ownerId": owner, "properties": properties,
                                    "goals": goals})
    await log_plan_step(tx, customer_id=c.customer_id, plan_id=plan_id, type="PLAN_CREATED",
                        record=f"{properties['planType']} plan created for {row['customerName']}, owned by {owner}, "
                               f"with {len(goals)} goal{'' if len(goals) == 1 else 's'}",
                        by=by, step=c.step, resource_id=owner, result=PlanStatus.DRAFT.name)
    return plan_id, False


async def create_plan(tx: Transaction, who: Principal, c: PlanCreation) -> RelationshipPlanOutcome:
    plan_id, replayed = await _create(tx, who, c)
    return RelationshipPlanOutcome(plan=await read_plan(tx, plan_id, who, "input.customerId"), replayed=replayed)
