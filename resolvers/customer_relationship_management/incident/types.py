"""The GraphQL shape of a plan's customer incidents (BIAN Incident, a behaviour qualifier of
Customer Relationship Management): the incident as RetrieveIncident shows it, the product or service
activity it concerns, and the inputs of its operations. The operations are in `incident_steps`.
"""

from __future__ import annotations

import datetime
import enum
from typing import Any

import strawberry

from domains.customer_relationship_management.access import shows_narratives
from domains.customer_relationship_management.incident.rules import ActivityIds
from domains.customer_relationship_management.steps import Changed
from gateway.security.auth import Principal
from graph.database import Record
from graph.temporal import native
from resolvers.customer_relationship_management.references import (
    PlanCustomerReference,
    PlanReference,
    ResourceReference,
    resource_reference,
)
from resolvers.customer_relationship_management.vocabulary import (
    IncidentSource,
    IncidentStatus,
    IncidentType,
)

KIND_ORDER = {"EVENT": 0, "ALLOCATION": 1, "PRODUCT": 2}


@strawberry.enum(description="What kind of product or service activity an incident concerns "
                             "(BIAN ProductandServiceActivityReference).")
class ActivityKind(enum.Enum):
    EVENT = strawberry.enum_value("EVENT", description="A customer event, e.g. a failed repayment.")
    ALLOCATION = strawberry.enum_value("ALLOCATION", description="A servicing contact (a resource allocation).")
    PRODUCT = strawberry.enum_value("PRODUCT", description="A product of the bank's range.")


@strawberry.type(description="BIAN ProductandServiceActivityReference: a transaction or product the incident "
                             "concerns, as troubleshooting needs to see it.")
class ProductServiceActivity:
    kind: ActivityKind = strawberry.field(description="Event, allocation or product.")
    id: strawberry.ID = strawberry.field(description="BIAN ProductandServiceActivityIdentification: its id.")
    type: str | None = strawberry.field(
        description="BIAN ProductandServiceActivityType: the event type, the allocation's channel and purpose, "
                    "or the product family.")
    at: datetime.datetime | None = strawberry.field(
        description="BIAN ProductandServiceActivityDate: when the event occurred or the contact was requested; "
                    "null for a product.")
    status: str | None = strawberry.field(
        description="BIAN ProductandServiceActivityStatus: the event's result, the allocation's status, or the "
                    "status of the customer's holding of the product (null when not held).")
    description: str | None = strawberry.field(
        description="BIAN ProductandServiceActivityDescription: the event's record, or the product's name "
                    "(BIAN ProductandServiceActivityName).")
    held_by_customer: bool | None = strawberry.field(
        description="For a product: whether the plan's customer holds (or held) it; null for events and "
                    "allocations.")

    @classmethod
    def from_record(cls, a: Record) -> ProductServiceActivity:
        return cls(kind=ActivityKind(a["kind"]), id=strawberry.ID(a["id"]), type=a["type"] or None,
                   at=native(a["at"]), status=a["status"], description=a["description"],
                   held_by_customer=a["heldByCustomer"])


@strawberry.type(description="A customer incident on a relationship plan (BIAN Incident, "
                             "RelationshipIncidentRecord): what went wrong for the customer, the product or service "
                             "activity concerned, who works it, its priority and its resolution.")
class RelationshipIncident:
    incident_id: strawberry.ID = strawberry.field(description="The incident's id: IN- and a UUID.")
    incident_type: IncidentType = strawberry.field(description="BIAN CustomerIncidentType.")
    source: IncidentSource = strawberry.field(description="BIAN CustomerIncidentSource: who or what raised it.")
    description: str | None = strawberry.field(
        description="BIAN CustomerIncidentDescription (a narrative: null for analysts).")
    resolution: str | None = strawberry.field(
        description="BIAN CustomerIncidentResolution, once resolved (a narrative: null for analysts).")
    previous_resolutions: list[str] | None = strawberry.field(
        description="Resolutions given before the incident was reopened, oldest first, each 'at — by — text' "
                    "(narratives: null for analysts).")
    captured_details: list[str] | None = strawberry.field(
        description="Details captured from outside (BIAN CaptureIncident), oldest first, each 'at — by — text' "
                    "(narratives: null for analysts).")
    priority: int = strawberry.field(description="Priority 1 (least urgent) .. 5 (most urgent); an extension.")
    status: IncidentStatus = strawberry.field(description="Where the incident is in its life; an extension.")
    status_reason: str | None = strawberry.field(
        description="Why it was last put on hold, resumed, reopened or closed, when a reason was given.")
    resolved_at: datetime.datetime | None = strawberry.field(description="When it was resolved (cleared on reopening).")
    closed_at: datetime.datetime | None = strawberry.field(description="When it was closed.")
    age_days: int = strawberry.field(description="Whole days from its creation to its closing, or to now.")
    assignee: ResourceReference | None = strawberry.field(
        description="BIAN EmployeeBusinessUnitReference: who works it.")
    plan: PlanReference = strawberry.field(description="The plan it is recorded on.")
    customer: PlanCustomerReference = strawberry.field(description="The plan's customer.")
    activity: list[ProductServiceActivity] = strawberry.field(
        description="BIAN ProductandServiceActivityReference: the events, allocations and products it concerns, "
                    "events first, each kind oldest first.")
    created_at: datetime.datetime = strawberry.field(description="When it was raised.")
    created_by: str = strawberry.field(description="Who raised it (token subject).")
    updated_at: datetime.datetime = strawberry.field(description="Its last change.")
    updated_by: str = strawberry.field(description="Who made its last change (token subject).")

    @classmethod
    def from_record(cls, i: Record, narratives: bool) -> RelationshipIncident:
        def narrative(value: Any) -> Any:
            return value if narratives else None

        assignee = i["assignee"]
        return cls(
            incident_id=strawberry.ID(i["incidentId"]), incident_type=IncidentType(i["incidentType"]),
            source=IncidentSource(i["source"]), description=narrative(i.get("description")),
            resolution=narrative(i.get("resolution")),
            previous_resolutions=narrative(list(i.get("previousResolutions") or [])),
            captured_details=narrative(list(i.get("capturedDetails") or [])),
            priority=i["priority"], status=IncidentStatus(i["status"]), status_reason=i.get("statusReason"),
            resolved_at=native(i.get("resolvedAt")), closed_at=native(i.get("closedAt")), age_days=i["ageDays"],
            assignee=resource_reference(assignee), plan=PlanReference.from_record(i["plan"]),
            customer=PlanCustomerReference.from_record(i["customer"]),
            activity=[ProductServiceActivity.from_record(a) for a in sorted(i["activity"], key=_activity_order)],
            created_at=native(i["createdAt"]), created_by=i["createdBy"],
            updated_at=native(i["updatedAt"]), updated_by=i["updatedBy"],
        )


def _activity_order(a: Record) -> tuple[int, str, str]:
    at = native(a["at"])
    return KIND_ORDER[a["kind"]], "" if at is None else at.isoformat(), a["id"]


@strawberry.type(description="What an incident mutation answers: the incident as it is now, and whether the "
                             "request was a replay.")
class RelationshipIncidentOutcome:
    incident: RelationshipIncident = strawberry.field(description="The incident created or changed, as it is now.")
    replayed: bool = strawberry.field(
        description="True when the idempotency key was used before for the same request: nothing was written, "
                    "and this is the first request's incident as it is now.")

    @classmethod
    def of(cls, changed: Changed[Record], who: Principal) -> RelationshipIncidentOutcome:
        return cls(incident=RelationshipIncident.from_record(changed.record, shows_narratives(who)),
                   replayed=changed.replayed)


@strawberry.input(description="BIAN ProductandServiceActivityReference: the product or service activity an "
                              "incident concerns; at most 20 references in all.")
class ActivityReferenceInput:
    event_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Events of the plan's customer (an event of another customer is VALIDATION).")
    allocation_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Servicing contacts (allocations) FOR the plan's customer.")
    product_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Products of the bank's range (held by the customer or not).")

    @staticmethod
    def asked(given: ActivityReferenceInput | None) -> ActivityIds | None:
        """The references as the domain takes them."""
        def ids(values: list[strawberry.ID] | None) -> list[str] | None:
            return None if values is None else [str(value) for value in values]

        return None if given is None else ActivityIds(ids(given.event_ids), ids(given.allocation_ids),
                                                      ids(given.product_ids))


@strawberry.input(description="A customer incident to raise on an open relationship plan (BIAN CreateIncident).")
class CreateRelationshipIncidentInput:
    plan_id: strawberry.ID = strawberry.field(description="The plan, e.g. RP-…; it must be open.")
    incident_type: IncidentType = strawberry.field(description="BIAN CustomerIncidentType.")
    source: IncidentSource = strawberry.field(description="BIAN CustomerIncidentSource.")
    description: str = strawberry.field(
        description="BIAN CustomerIncidentDescription: what went wrong (1 to 2000 characters).")
    priority: int = strawberry.field(default=3, description="1 (least urgent) .. 5 (most urgent); default 3.")
    assignee_id: strawberry.ID | None = strawberry.field(
        default=None, description="BIAN EmployeeBusinessUnitReference: the servicing resource to work it "
                                  "(default: the plan's owner); must exist.")
    activity: ActivityReferenceInput | None = strawberry.field(
        default=None, description="BIAN ProductandServiceActivityReference: what it concerns.")


@strawberry.input(description="Changes to an incident (BIAN UpdateIncident); only the fields given change.")
class UpdateRelationshipIncidentInput:
    plan_id: strawberry.ID = strawberry.field(description="The plan the incident is recorded on; it must be open.")
    incident_id: strawberry.ID = strawberry.field(description="The incident, e.g. IN-…; it must not be CLOSED.")
    incident_type: IncidentType | None = strawberry.field(default=None, description="BIAN CustomerIncidentType.")
    source: IncidentSource | None = strawberry.field(default=None, description="BIAN CustomerIncidentSource.")
    description: str | None = strawberry.field(
        default=None, description="BIAN CustomerIncidentDescription (1 to 2000 characters).")
    assignee_id: strawberry.ID | None = strawberry.field(
        default=None, description="BIAN EmployeeBusinessUnitReference: reassign it to this servicing resource.")


@strawberry.input(description="Details generated outside the gateway to record on an incident (BIAN "
                              "CaptureIncident), e.g. a fulfilment system's finding and the activity it names.")
class CaptureRelationshipIncidentInput:
    plan_id: strawberry.ID = strawberry.field(description="The plan the incident is recorded on; it must be open.")
    incident_id: strawberry.ID = strawberry.field(description="The incident, e.g. IN-…; it must not be CLOSED.")
    activity: ActivityReferenceInput | None = strawberry.field(
        default=None, description="More activity it concerns; references already linked are not linked twice.")
    captured_detail: str | None = strawberry.field(
        default=None, description="A finding to append to its captured details (1 to 2000 characters).")
