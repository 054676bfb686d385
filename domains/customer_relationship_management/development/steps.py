"""The development steps (BIAN CreateDevelopment, UpdateDevelopment, ExchangeDevelopment,
RequestDevelopment): each checks its request in Python first, then runs through `work.run_step` in
one write transaction, logs its Relationship event and answers the task as the step left it.
Event records name the task, the people and the dates, never the narratives (analysts read events).
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from domains.customer_relationship_management.development import rules as rules
from domains.customer_relationship_management.development.work import Step, Working, run_step
from domains.customer_relationship_management.steps import Changed
from domains.customer_relationship_management.vocabulary import (
    DEVELOPMENT_MOVES,
    DevelopmentExchangeAction,
    DevelopmentTaskStatus,
    DevelopmentTaskType,
)
from domains.found import unknown
from domains.inputs import text
from gateway.security.auth import Principal, Role
from graph.database import Database, Record
from graph.errors import Forbidden, ValidationFailed
from graph.queries import load
from graph.temporal import native

CREATE = load("customer_relationship_management/development_create")

EXCHANGE_EVENTS = {
    DevelopmentExchangeAction.SUBMIT: "DEVELOPMENT_TASK_SUBMITTED",
    DevelopmentExchangeAction.ACCEPT: "DEVELOPMENT_TASK_ACCEPTED",
    DevelopmentExchangeAction.REJECT: "DEVELOPMENT_TASK_REJECTED",
    DevelopmentExchangeAction.CANCEL: "DEVELOPMENT_TASK_CANCELLED",
}
NEEDS_REASON = frozenset({DevelopmentExchangeAction.REJECT, DevelopmentExchangeAction.CANCEL})


@dataclass(frozen=True)
class TaskCreation:
    """BIAN CreateDevelopment as asked (checked by `create`)."""

    plan_id: str
    task_type: DevelopmentTaskType
    description: str
    assignee_id: str | None
    due_on: datetime.date | None
    work_products: list[rules.WorkProduct] | None


@dataclass(frozen=True)
class TaskUpdate:
    """BIAN UpdateDevelopment as asked (checked by `update`): None leaves a field as it is."""

    plan_id: str
    task_id: str
    description: str | None
    result: str | None
    add_work_products: list[rules.WorkProduct] | None
    due_on: datetime.date | None
    assignee_id: str | None


def _due(day: datetime.date | None) -> str:
    return f", due {day.isoformat()}" if day else ""


async def create(db: Database, who: Principal, input: TaskCreation, idempotency_key: str | None) -> Changed[Record]:
    asked: dict[str, Any] = {
        "taskType": input.task_type.name,
        "description": rules.narrative(input.description, "input.description", required=True),
        "assigneeId": input.assignee_id,
        "dueOn": rules.due_on(input.due_on, "input.dueOn"),
        "workProducts": rules.work_products(input.work_products, "input.workProducts")}

    async def act(w: Working) -> str:
        rules.within_validity(asked["dueOn"], w.plan_row, "input.dueOn")
        assignee = asked["assigneeId"] or w.plan.row["ownerId"]
        if assignee is None:
            raise ValidationFailed(f"relationship plan {w.plan.plan_id} has no owner to assign the task to: "
                                   "name input.assigneeId", field="input.assigneeId")
        task_id = f"DT-{uuid.uuid4()}"
        task = {"taskId": task_id, "taskType": asked["taskType"], "description": asked["description"],
                "status": DevelopmentTaskStatus.OPEN.name, "workProducts": rules.as_json(asked["workProducts"]),
                "dueOn": asked["dueOn"], "createdAt": w.now, "createdBy": w.who.subject}
        created = await w.tx.run(CREATE, create={"planId": w.plan.plan_id, "assigneeId": assignee,
                                                 "task": rules.stamps(w.who.subject, w.now, **task)})
        if not created:
            raise unknown("servicing resource", assignee, "input.assigneeId")
        await w.log("DEVELOPMENT_TASK_CREATED", f"{asked['taskType']} task {task_id} created on plan "
                    f"{w.plan.plan_id}, assigned to {assignee}{_due(asked['dueOn'])}", task_id, assignee,
                    DevelopmentTaskStatus.OPEN.name)
        return task_id

    step = Step("createRelationshipDevelopment", input.plan_id, "input.planId", "creating a development task", asked)
    return await run_step(db, who, step, idempotency_key, act)


def _updates(input: TaskUpdate) -> dict[str, Any]:
    """The changes the update names (as the client named them), checked; VALIDATION when none."""
    # A field given but blank is a mistake, not "no change".
    asked = {"description": rules.narrative(input.description, "input.description",
                                            required=input.description is not None),
             "result": rules.narrative(input.result, "input.result", required=input.result is not None),
             "addWorkProducts": rules.work_products(input.add_work_products, "input.addWorkProducts") or None,
             "dueOn": rules.due_on(input.due_on, "input.dueOn"),
             "assigneeId": input.assignee_id}
    changes = {name: value for name, value in asked.items() if value is not None}
    if not changes:
        raise ValidationFailed("name at least one of input.description, input.result, input.addWorkProducts, "
                               "input.dueOn, input.assigneeId to change", field="input")
    return changes


async def update(db: Database, who: Principal, input: TaskUpdate, idempotency_key: str | None) -> Changed[Record]:
    changes, task_id = _updates(input), input.task_id

    async def act(w: Working) -> str:
        task = await w.task(task_id, "input.taskId")
        rules.require_changeable(task, "input.taskId")
        rules.within_validity(changes.get("dueOn"), w.plan_row, "input.dueOn")
        properties: dict[str, Any] = {name: changes[name] for name in ("description", "result", "dueOn")
                                      if name in changes}
        if "addWorkProducts" in changes:
            properties["workProducts"] = rules.as_json(rules.appended(
                rules.stored_work_products(task), changes["addWorkProducts"], "input.addWorkProducts"))
        assignee = changes.get("assigneeId")
        if not await w.change(task_id, properties, assignee):
            raise unknown("servicing resource", assignee, "input.assigneeId")
        await w.log("DEVELOPMENT_TASK_UPDATED", f"{task['taskType']} task {task_id} updated: {', '.join(changes)}"
                    + (f", reassigned to {assignee}" if assignee else "") + _due(changes.get("dueOn")), task_id,
                    assignee or task["assignee"]["resourceId"], task["status"])
        return task_id

    step = Step("updateRelationshipDevelopment", input.plan_id, "input.planId", "updating a development task",
                {"taskId": task_id, **changes})
    return await run_step(db, who, step, idempotency_key, act)


def _exchange_input(action: DevelopmentExchangeAction, result: str | None, reason: str | None) -> dict[str, Any]:
    """result goes with SUBMIT only; a reason is required with REJECT and CANCEL, and taken with nothing else."""
    if result is not None and action is not DevelopmentExchangeAction.SUBMIT:
        raise ValidationFailed(f"result is recorded by SUBMIT (or updateRelationshipDevelopment), not by "
                               f"{action.name}", field="result")
    if reason is not None and action not in NEEDS_REASON:
        raise ValidationFailed(f"reason goes with REJECT or CANCEL, not with {action.name}", field="reason")
    return {"action": action.name, "result": rules.narrative(result, "result"),
            "reason": text(reason, "reason", rules.MAX_REASON, required=action in NEEDS_REASON)}


def _exchanged(w: Working, task: dict[str, Any], action: DevelopmentExchangeAction,
               asked: dict[str, Any]) -> dict[str, Any]:
    """The properties the exchange sets besides the status, after its own checks."""
    by, now = w.who.subject, w.now
    if action is DevelopmentExchangeAction.SUBMIT:
        result = asked["result"] or task.get("result")
        if result is None:
            raise ValidationFailed(f"development task {task['taskId']} has no result yet: SUBMIT needs one "
                                   "(give result, at most 2000 characters)", field="result")
        return {"result": result, "statusReason": None, "submittedAt": now, "submittedBy": by}
    if action is DevelopmentExchangeAction.ACCEPT:
        did_the_work = {task["assignee"]["resourceId"], task.get("submittedBy")}
        if by in did_the_work and not w.who.has_any(frozenset({Role.ADMIN})):
            raise Forbidden(f"{by} assigned or submitted development task {task['taskId']}: its result is accepted "
                            "by someone else (four eyes), or by an admin", field="action")
        return {"closedAt": now, "closedBy": by}
    if action is DevelopmentExchangeAction.REJECT:
        return {"statusReason": asked["reason"], "requestedAt": now, "requestedBy": by}
    return {"statusReason": asked["reason"], "closedAt": now, "closedBy": by}


async def exchange(db: Database, who: Principal, plan_id: str, task_id: str, action: DevelopmentExchangeAction,
                   result: str | None, reason: str | None, idempotency_key: str | None) -> Changed[Record]:
    asked = _exchange_input(action, result, reason)

    async def act(w: Working) -> str:
        task = await w.task(task_id, "taskId")
        starts, target = DEVELOPMENT_MOVES[action]
        rules.move(task, f"Exchange {action.name}", starts, "action")
        properties = {**_exchanged(w, task, action, asked), "status": target.name}
        await w.change(task_id, properties)
        assignee = task["assignee"]["resourceId"]
        await w.log(EXCHANGE_EVENTS[action], f"{task['taskType']} task {task_id} of {assignee}: {action.name}, "
                    f"{task['status']} → {target.name}" + (f" ({asked['reason']})" if asked["reason"] else ""),
                    task_id, assignee, target.name)
        return task_id

    step = Step("exchangeRelationshipDevelopment", plan_id, "planId", f"Exchange {action.name} of a development task",
                {"taskId": task_id, **asked})
    return await run_step(db, who, step, idempotency_key, act)


async def request(db: Database, who: Principal, plan_id: str, task_id: str, note: str | None,
                  due_on: datetime.date | None, idempotency_key: str | None) -> Changed[Record]:
    asked: dict[str, Any] = {"note": rules.narrative(note, "note"), "dueOn": rules.due_on(due_on, "dueOn")}

    async def act(w: Working) -> str:
        task = await w.task(task_id, "taskId")
        rules.move(task, "Request", frozenset({DevelopmentTaskStatus.OPEN}), "taskId")
        rules.within_validity(asked["dueOn"], w.plan_row, "dueOn")
        properties: dict[str, Any] = {"status": DevelopmentTaskStatus.REQUESTED.name, "requestedAt": w.now,
                                      "requestedBy": w.who.subject}
        properties |= {name: value for name, value in (("requestNote", asked["note"]), ("dueOn", asked["dueOn"]))
                       if value is not None}
        await w.change(task_id, properties)
        assignee = task["assignee"]["resourceId"]
        due: datetime.date | None = asked["dueOn"] or native(task.get("dueOn"))
        await w.log("DEVELOPMENT_TASK_REQUESTED", f"{task['taskType']} task {task_id} requested of {assignee}"
                    + _due(due), task_id, assignee,
                    DevelopmentTaskStatus.REQUESTED.name)
        return task_id

    step = Step("requestRelationshipDevelopment", plan_id, "planId", "requesting a development task",
                {"taskId": task_id, **asked})
    return await run_step(db, who, step, idempotency_key, act)
