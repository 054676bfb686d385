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

from domains.contact_routing.vocabulary import RELATIONSHIP_MANAGER
from domains.customer_relationship_management.access import require_in_book
from domains.customer_relationship_management.plan.fields import GoalAsked, PlanFields, create_goals, plan_fields
from domains.customer_relationship_management.plan.read import read_plan
from domains.customer_relationship_management.plan.rules import with_validity
from domains.customer_relationship_management.steps import Changed, StepKey, changed_then_read, log_plan_step, prior_step
from domains.customer_relationship_management.vocabulary import OPEN_PLAN_STATUSES, PlanStatus, PlanType
from domains.found import found, present
from gateway.security.auth import Principal
from graph.database import Database, Record, Transaction
from graph.errors import Conflict, ValidationFailed
from graph.queries import load

PLAN_CUSTOMER_LOCK = load("customer_relationship_management/plan_customer_lock")
PLAN_CREATE = load("customer_relationship_management/plan_create")


@dataclass(frozen=True)
class PlanCreation:
    """A checked createRelationshipPlan request: the plan's properties with the defaults applied."""

    customer_id: str
    properties: dict[str, Any]
    goals: list[dict[str, Any]]
    owner_id: str | None
    step: StepKey


def creation(customer_id: str, given: PlanFields, plan_type: PlanType, asked_goals: list[GoalAsked] | None,
             owner_id: str | None, key: str | None, by: str) -> PlanCreation:
    """The request checked, with the validity defaults applied (VALIDATION naming the input field) and its step key."""
    fields = plan_fields(given, plan_type)
    goals = create_goals(asked_goals)
    # The fingerprint covers what the client sent, not the defaults, so a retry tomorrow still replays.
    step = StepKey.of(key, "createRelationshipPlan",
                      {"customerId": customer_id, "fields": fields, "goals": goals, "ownerId": owner_id}, by)
    today = datetime.datetime.now(datetime.UTC).date()
    return PlanCreation(customer_id=customer_id, properties=with_validity(fields, today), goals=goals,
                        owner_id=owner_id, step=step)


def _owner(c: PlanCreation, row: Record) -> str:
    """The named owner if it may own a plan, else the customer's relationship manager."""
    if c.owner_id is not None:
        named = present(row["namedOwner"], "servicing resource", c.owner_id, "input.ownerId")
        if named["kind"] != RELATIONSHIP_MANAGER:
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
    row = found(rows, "customer", c.customer_id, "input.customerId")  # gone only if deleted since the book check
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


async def create_plan(db: Database, who: Principal, c: PlanCreation) -> Changed[Record]:
    """The plan created (or, for a repeated key, the first request's), as its write transaction leaves it."""
    return await db.transact(lambda tx: changed_then_read(
        _create(tx, who, c), lambda plan_id: read_plan(tx, plan_id, "input.customerId")))
