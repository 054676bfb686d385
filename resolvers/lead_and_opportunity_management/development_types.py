"""The GraphQL shape of a lead's development tasks (BIAN Development, Lead and Opportunity
Management's behaviour qualifier): the task, its type and status (the domain's Enums, described),
and the inputs of its five operations. The operations are in `development`, their rules in
domains/lead_and_opportunity_management/development.py and development_rules.py.
"""

from __future__ import annotations

import datetime

import strawberry

from domains.lead_and_opportunity_management.development_rules import DevelopmentStatus, DevelopmentType
from graph.database import Record
from graph.temporal import native
from resolvers.described_enum import described_enum

described_enum(DevelopmentType, "What a development task is for (an extension: BIAN names no task types).", {
    "FOLLOW_UP": "Follow the lead up: check where it stands, next steps.",
    "GENERATE_MESSAGE": "Generate a message to the prospect from a template: the automated action "
                        "executeLeadDevelopment performs.",
    "CONTACT_PROSPECT": "Contact the prospect in person (call, meeting): a manual intervention.",
    "COLLECT_DOCUMENTS": "Collect the documents the offer will need from the customer.",
})

described_enum(DevelopmentStatus,
               "Where a development task is in its life (an extension); DONE and CANCELLED are final.", {
    "OPEN": "Initiated, nobody asked to act on it yet.",
    "REQUESTED": "Manual intervention requested of its assignee, due at dueAt.",
    "DONE": "Carried out (by hand, or the automated action executed). Final.",
    "CANCELLED": "Dropped without being carried out. Final.",
})


@strawberry.type(description="The servicing resource a development task is assigned to "
                             "(BIAN EmployeeBusinessUnitReference).")
class DevelopmentAssignee:
    resource_id: strawberry.ID = strawberry.field(description="The servicing resource's id.")
    name: str = strawberry.field(description="Their name.")


@strawberry.type(description="A development task on a lead (BIAN Development): a work step such as a follow-up, a "
                             "generated message or a contact with the prospect, with its results.")
class LeadDevelopment:
    development_id: strawberry.ID = strawberry.field(description="The task's identifier, DV- and a UUID.")
    lead_id: strawberry.ID = strawberry.field(description="The lead it develops.")
    customer_id: strawberry.ID = strawberry.field(description="The lead's customer.")
    product_id: strawberry.ID | None = strawberry.field(description="The lead's product of interest.")
    type: DevelopmentType = strawberry.field(description="What the task is for.")
    status: DevelopmentStatus = strawberry.field(description="Where it is in its life.")
    description: str | None = strawberry.field(description="What is to be done, in words.")
    assigned_to: DevelopmentAssignee = strawberry.field(
        description="BIAN EmployeeBusinessUnitReference: who carries it out (default: the lead's owner).")
    due_at: datetime.datetime | None = strawberry.field(description="When it is due, if a due time was set.")
    date_time_location: str | None = strawberry.field(
        description="BIAN DateTimeLocation: when and where the lead was developed, e.g. 'Leeds branch, 2 March'.")
    contact_record_reference: str | None = strawberry.field(
        description="BIAN CustomerContactRecordReference: the contact (e.g. an allocation or event id) it took place in.")
    correspondence: str | None = strawberry.field(
        description="BIAN CorrespondenceInstanceReference: the generated message's subject line, once executed.")
    correspondence_content: str | None = strawberry.field(
        description="BIAN CorrespondenceContent: the generated message's body, once executed.")
    correspondence_channel: str | None = strawberry.field(
        description="The channel the generated message is for, from its template, e.g. EMAIL.")
    template_id: strawberry.ID | None = strawberry.field(description="The template the message was generated from.")
    message_generated_at: datetime.datetime | None = strawberry.field(description="When the message was generated.")
    document_references: list[str] = strawberry.field(
        description="BIAN DocumentDirectoryEntryInstanceReference: the documents associated with the task.")
    document_content: str | None = strawberry.field(
        description="BIAN DocumentContent: the content of a significant document produced, if recorded.")
    work_products: list[str] = strawberry.field(
        description="BIAN LeadDevelopmentWorkProducts: work documentation, forms and schedules produced.")
    task_result: str | None = strawberry.field(description="BIAN LeadDevelopmentTaskResult: the outcome of the work step.")
    requested_at: datetime.datetime | None = strawberry.field(description="When manual intervention was requested.")
    closed_at: datetime.datetime | None = strawberry.field(description="When it became DONE or CANCELLED.")
    created_at: datetime.datetime = strawberry.field(description="When it was initiated.")
    created_by: str = strawberry.field(description="Who initiated it (token subject).")
    updated_at: datetime.datetime = strawberry.field(description="Its last change.")
    updated_by: str = strawberry.field(description="Who made its last change (token subject).")

    @classmethod
    def from_record(cls, d: Record) -> LeadDevelopment:
        assignee = d["assignee"]
        return cls(
            development_id=strawberry.ID(d["developmentId"]), lead_id=strawberry.ID(d["leadId"]),
            customer_id=strawberry.ID(d["customerId"]),
            product_id=strawberry.ID(d["productId"]) if d.get("productId") else None,
            type=DevelopmentType(d["type"]), status=DevelopmentStatus(d["status"]), description=d.get("description"),
            assigned_to=DevelopmentAssignee(resource_id=strawberry.ID(assignee["resourceId"]), name=assignee["name"]),
            due_at=native(d.get("dueAt")), date_time_location=d.get("dateTimeLocation"),
            contact_record_reference=d.get("contactRecord"), correspondence=d.get("correspondence"),
            correspondence_content=d.get("correspondenceContent"),
            correspondence_channel=d.get("correspondenceChannel"),
            template_id=strawberry.ID(d["templateId"]) if d.get("templateId") else None,
            message_generated_at=native(d.get("messageGeneratedAt")),
            document_references=list(d.get("documents") or []), document_content=d.get("documentContent"),
            work_products=list(d.get("workProducts") or []), task_result=d.get("taskResult"),
            requested_at=native(d.get("requestedAt")), closed_at=native(d.get("closedAt")),
            created_at=native(d["createdAt"]), created_by=d["createdBy"],
            updated_at=native(d["updatedAt"]), updated_by=d["updatedBy"],
        )


@strawberry.type(description="The development task initiateLeadDevelopment created.")
class InitiatedLeadDevelopment:
    development: LeadDevelopment = strawberry.field(description="The task, OPEN, as it is now.")
    replayed: bool = strawberry.field(
        description="True when the idempotency key was used before: the first request's task, as it is now.")


@strawberry.type(description="The automated action executeLeadDevelopment performed: the generated message.")
class ExecutedLeadDevelopment:
    development: LeadDevelopment = strawberry.field(
        description="The task, DONE, with the message in correspondence and correspondenceContent.")
    unresolved_placeholders: list[str] = strawberry.field(
        description="Placeholders left in the message as written: unknown to the renderer, or without a value "
                    "(e.g. a lead without an owner). Empty when the message is complete.")


@strawberry.input(description="A development task to initiate on an open lead (BIAN InitiateDevelopment).")
class InitiateLeadDevelopmentInput:
    lead_id: strawberry.ID = strawberry.field(description="The lead, e.g. LD-…; it must be open.")
    type: DevelopmentType = strawberry.field(description="What the task is for.")
    description: str | None = strawberry.field(default=None, description="What is to be done (at most 2000 characters).")
    resource_id: strawberry.ID | None = strawberry.field(
        default=None, description="BIAN EmployeeBusinessUnitReference: the servicing resource to assign it to "
                                  "(default: the lead's owner); must exist.")
    due_at: datetime.datetime | None = strawberry.field(
        default=None, description="When it is due; in the future (read as UTC without a zone).")
    date_time_location: str | None = strawberry.field(
        default=None, description="BIAN DateTimeLocation: when and where (at most 200 characters).")
    document_references: list[str] | None = strawberry.field(
        default=None, description="BIAN DocumentDirectoryEntryInstanceReference: documents to work with "
                                  "(at most 50, each at most 200 characters).")


@strawberry.input(description="Results of a development task (BIAN UpdateDevelopment): only the fields given change.")
class UpdateLeadDevelopmentInput:
    development_id: strawberry.ID = strawberry.field(description="The task, e.g. DV-…; it must not be DONE or CANCELLED.")
    status: DevelopmentStatus | None = strawberry.field(
        default=None, description="DONE or CANCELLED to close the task (REQUESTED is set by requestLeadDevelopment).")
    description: str | None = strawberry.field(default=None, description="What is to be done (at most 2000 characters).")
    resource_id: strawberry.ID | None = strawberry.field(
        default=None, description="BIAN EmployeeBusinessUnitReference: reassign it to this servicing resource.")
    contact_record_reference: str | None = strawberry.field(
        default=None, description="BIAN CustomerContactRecordReference (at most 200 characters).")
    document_references: list[str] | None = strawberry.field(
        default=None, description="BIAN DocumentDirectoryEntryInstanceReference: replaces the list "
                                  "(at most 50, each at most 200 characters).")
    document_content: str | None = strawberry.field(
        default=None, description="BIAN DocumentContent (at most 20000 characters).")
    work_products: list[str] | None = strawberry.field(
        default=None, description="BIAN LeadDevelopmentWorkProducts: replaces the list "
                                  "(at most 50, each at most 2000 characters).")
    task_result: str | None = strawberry.field(
        default=None, description="BIAN LeadDevelopmentTaskResult: the outcome (at most 2000 characters).")
    date_time_location: str | None = strawberry.field(
        default=None, description="BIAN DateTimeLocation (at most 200 characters).")


@strawberry.input(description="The automated action to execute on a GENERATE_MESSAGE task (BIAN ExecuteDevelopment).")
class ExecuteLeadDevelopmentInput:
    development_id: strawberry.ID = strawberry.field(
        description="The task, e.g. DV-…: of type GENERATE_MESSAGE, OPEN or REQUESTED, on an open lead.")
    template_id: strawberry.ID = strawberry.field(description="The message template to render, e.g. TPL-…")


@strawberry.input(description="Manual intervention to request on a development task (BIAN RequestDevelopment).")
class RequestLeadDevelopmentInput:
    development_id: strawberry.ID = strawberry.field(description="The task, e.g. DV-…: OPEN, on an open lead.")
    due_at: datetime.datetime = strawberry.field(
        description="When it is due; in the future (read as UTC without a zone).")
    resource_id: strawberry.ID | None = strawberry.field(
        default=None, description="BIAN EmployeeBusinessUnitReference: who is to act (default: its assignee); "
                                  "must exist.")
    description: str | None = strawberry.field(
        default=None, description="What they are to do, replacing the task's description (at most 2000 characters).")
    date_time_location: str | None = strawberry.field(
        default=None, description="BIAN DateTimeLocation: when and where (at most 200 characters).")
