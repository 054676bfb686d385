"""The GraphQL types of a relationship plan's development tasks (BIAN Customer Relationship
Management, behaviour qualifier Development): the task as read, what a step answers, and the inputs.
The Lead and Opportunity Management domain has its own, different LeadDevelopment.
"""

from __future__ import annotations

import datetime

import strawberry

from domains.customer_relationship_management.access import shows_narratives
from domains.customer_relationship_management.development.rules import WorkProduct, stored_work_products, today
from domains.customer_relationship_management.steps import Changed
from domains.customer_relationship_management.vocabulary import OPEN_DEVELOPMENT_STATUSES
from gateway.security.auth import Principal
from graph.database import Record
from graph.temporal import native
from resolvers.customer_relationship_management.references import (
    PlanCustomerReference,
    PlanReference,
    ResourceReference,
)
from resolvers.customer_relationship_management.vocabulary import (
    DevelopmentTaskStatus,
    DevelopmentTaskType,
    WorkProductType,
)


@strawberry.type(description="BIAN CustomerDevelopmentWorkProduct: work documentation, a form or a schedule a "
                             "development task produced or refers to.")
class RelationshipDevelopmentWorkProduct:
    type: WorkProductType = strawberry.field(description="BIAN WorkProductType: what kind of work product it is.")
    identification: str = strawberry.field(
        description="BIAN WorkProductIdentification: where to find it, e.g. a document number or file name.")


@strawberry.type(description="A development task of a relationship plan (BIAN Development, "
                             "customerrelationshipdevelopment): a step such as a needs analysis or a proposal that "
                             "develops the relationship, with who carries it out, its result and its work products.")
class RelationshipDevelopmentTask:
    task_id: strawberry.ID = strawberry.field(description="The task's id (BIAN DevelopmentId): DT- and a UUID.")
    task_type: DevelopmentTaskType = strawberry.field(description="BIAN CustomerDevelopmentTaskType: what it is for.")
    description: str | None = strawberry.field(
        description="BIAN CustomerDevelopmentTaskDescription: what is to be done. A narrative: null for analysts.")
    status: DevelopmentTaskStatus = strawberry.field(description="Where the task is in its life.")
    status_reason: str | None = strawberry.field(
        description="Why it was last sent back (Exchange REJECT) or cancelled (Exchange CANCEL).")
    result: str | None = strawberry.field(
        description="BIAN CustomerDevelopmentTaskResult: the outcome of the work. A narrative: null for analysts.")
    work_products: list[RelationshipDevelopmentWorkProduct] = strawberry.field(
        description="BIAN CustomerDevelopmentWorkProduct: what the task produced, in the order recorded.")
    due_on: datetime.date | None = strawberry.field(description="The day it is due, if a due date was set.")
    overdue: bool = strawberry.field(description="Derived: still open (OPEN, REQUESTED or SUBMITTED) after its due day.")
    assignee: ResourceReference = strawberry.field(
        description="BIAN EmployeeBusinessUnitReference: who carries it out (default: the plan's owner).")
    plan: PlanReference = strawberry.field(
        description="BIAN CustomerRelationshipDevelopmentPlan: the relationship plan the task develops.")
    customer: PlanCustomerReference = strawberry.field(description="The plan's customer.")
    request_note: str | None = strawberry.field(
        description="What the assignee was asked to do when it was requested (BIAN RequestDevelopment). "
                    "A narrative: null for analysts.")
    created_at: datetime.datetime = strawberry.field(description="When it was created.")
    created_by: str = strawberry.field(description="Who created it (token subject).")
    updated_at: datetime.datetime = strawberry.field(description="Its last change.")
    updated_by: str = strawberry.field(description="Who made its last change (token subject).")
    requested_at: datetime.datetime | None = strawberry.field(
        description="When its assignee was last asked to carry it out (Request, or sent back by Exchange REJECT).")
    requested_by: str | None = strawberry.field(description="Who last asked (token subject).")
    submitted_at: datetime.datetime | None = strawberry.field(description="When its result was last submitted.")
    submitted_by: str | None = strawberry.field(description="Who last submitted it (token subject).")
    closed_at: datetime.datetime | None = strawberry.field(description="When it was ACCEPTED or CANCELLED.")
    closed_by: str | None = strawberry.field(description="Who accepted or cancelled it (token subject).")

    @classmethod
    def from_record(cls, d: Record, narratives: bool, today: datetime.date) -> RelationshipDevelopmentTask:
        """The task as development_tasks_of_plan.cypher reads it; narratives hidden unless `narratives`."""
        status = DevelopmentTaskStatus(d["status"])
        due_on = native(d.get("dueOn"))
        plan, customer, assignee = d["plan"], d["customer"], d["assignee"]
        return cls(
            task_id=strawberry.ID(d["taskId"]), task_type=DevelopmentTaskType(d["taskType"]),
            description=d.get("description") if narratives else None, status=status,
            status_reason=d.get("statusReason"), result=d.get("result") if narratives else None,
            work_products=[RelationshipDevelopmentWorkProduct(type=WorkProductType(w["type"]),
                                                              identification=w["identification"])
                           for w in stored_work_products(d)],
            due_on=due_on, overdue=status in OPEN_DEVELOPMENT_STATUSES and due_on is not None and due_on < today,
            assignee=ResourceReference(resource_id=strawberry.ID(assignee["resourceId"]), name=assignee["name"]),
            plan=PlanReference.from_record(plan), customer=PlanCustomerReference.from_record(customer),
            request_note=d.get("requestNote") if narratives else None,
            created_at=native(d["createdAt"]), created_by=d["createdBy"],
            updated_at=native(d["updatedAt"]), updated_by=d["updatedBy"],
            requested_at=native(d.get("requestedAt")), requested_by=d.get("requestedBy"),
            submitted_at=native(d.get("submittedAt")), submitted_by=d.get("submittedBy"),
            closed_at=native(d.get("closedAt")), closed_by=d.get("closedBy"),
        )


@strawberry.type(description="What a development step answers: the task as it is now, and whether the request was "
                             "a replay of an earlier one.")
class RelationshipDevelopmentOutcome:
    task: RelationshipDevelopmentTask = strawberry.field(description="The task, as it stands after the step.")
    replayed: bool = strawberry.field(
        description="True when the idempotency key was used before for this request: nothing was written, and the "
                    "task the first request created or changed is answered as it is now.")

    @classmethod
    def of(cls, changed: Changed[Record], who: Principal) -> RelationshipDevelopmentOutcome:
        return cls(task=RelationshipDevelopmentTask.from_record(changed.record, shows_narratives(who), today()),
                   replayed=changed.replayed)


@strawberry.input(description="A work product to record on a development task (BIAN CustomerDevelopmentWorkProduct).")
class WorkProductInput:
    type: WorkProductType = strawberry.field(description="BIAN WorkProductType: what kind of work product it is.")
    identification: str = strawberry.field(
        description="BIAN WorkProductIdentification: where to find it (at most 200 characters).")

    @staticmethod
    def asked(values: list[WorkProductInput] | None) -> list[WorkProduct] | None:
        return None if values is None else [WorkProduct(value.type, value.identification) for value in values]


@strawberry.input(description="A development task to create on an open relationship plan (BIAN CreateDevelopment).")
class CreateRelationshipDevelopmentInput:
    plan_id: strawberry.ID = strawberry.field(
        description="The plan (BIAN CustomerRelationshipManagementPlan), e.g. RP-…; DRAFT, VERIFIED, ACTIVE or "
                    "SUSPENDED.")
    task_type: DevelopmentTaskType = strawberry.field(description="BIAN CustomerDevelopmentTaskType: what it is for.")
    description: str = strawberry.field(
        description="BIAN CustomerDevelopmentTaskDescription: what is to be done (1 to 2000 characters).")
    assignee_id: strawberry.ID | None = strawberry.field(
        default=None, description="BIAN EmployeeBusinessUnitReference: the servicing resource to carry it out "
                                  "(default: the plan's owner); must exist.")
    due_on: datetime.date | None = strawberry.field(
        default=None, description="The day it is due: today or later, within the plan's validity period.")
    work_products: list[WorkProductInput] | None = strawberry.field(
        default=None, description="BIAN CustomerDevelopmentWorkProduct: work products to start with (at most 20).")


@strawberry.input(description="Changes to a development task (BIAN UpdateDevelopment): only the fields given change, "
                              "at least one.")
class UpdateRelationshipDevelopmentInput:
    plan_id: strawberry.ID = strawberry.field(description="The plan the task belongs to, e.g. RP-…; it must be open.")
    task_id: strawberry.ID = strawberry.field(
        description="The task, e.g. DT-…; not ACCEPTED or CANCELLED (those are final).")
    description: str | None = strawberry.field(
        default=None, description="BIAN CustomerDevelopmentTaskDescription: replaces it (1 to 2000 characters).")
    result: str | None = strawberry.field(
        default=None, description="BIAN CustomerDevelopmentTaskResult: the outcome so far, replacing it "
                                  "(1 to 2000 characters).")
    add_work_products: list[WorkProductInput] | None = strawberry.field(
        default=None, description="BIAN CustomerDevelopmentWorkProduct: appended to those recorded "
                                  "(at most 20 in all).")
    due_on: datetime.date | None = strawberry.field(
        default=None, description="A new due day: today or later, within the plan's validity period.")
    assignee_id: strawberry.ID | None = strawberry.field(
        default=None, description="BIAN EmployeeBusinessUnitReference: reassign it to this servicing resource; "
                                  "must exist.")
