"""The GraphQL inputs of Customer Event History's captures and updates, and their one conversion each
into what the rules in domains/customer_event_history take."""

from __future__ import annotations

import datetime
import enum
from typing import Any

import strawberry

from domains.customer_event_history.capture import DETAILS, NewEvent
from domains.customer_event_history.changes import changeable
from resolvers.customer_event_history.categories import EventCategory


@strawberry.enum(description="Where an event happened.")
class EventChannel(enum.Enum):
    PHONE = strawberry.enum_value("PHONE", description="A phone call.")
    CHAT = strawberry.enum_value("CHAT", description="A chat session.")
    VIDEO = strawberry.enum_value("VIDEO", description="A video call.")
    BRANCH = strawberry.enum_value("BRANCH", description="In a branch.")
    EMAIL = strawberry.enum_value("EMAIL", description="By e-mail.")
    WEB = strawberry.enum_value("WEB", description="Online banking on the web.")
    MOBILE = strawberry.enum_value("MOBILE", description="The mobile app.")


@strawberry.enum(description="BIAN CustomerSalesEventType: how the sales contact came about.")
class SalesEventType(enum.Enum):
    CAMPAIGN = strawberry.enum_value("CAMPAIGN", description="Part of a campaign.")
    UNSOLICITED = strawberry.enum_value("UNSOLICITED", description="The customer asked, unprompted.")
    SOLICITED = strawberry.enum_value("SOLICITED", description="The bank approached the customer.")
    DEVELOPMENT = strawberry.enum_value("DEVELOPMENT", description="Developing an existing lead or opportunity.")


@strawberry.enum(description="BIAN CustomerServicingEventType: whether a person helped.")
class ServicingEventType(enum.Enum):
    SELF_SERVICE = strawberry.enum_value("SELF_SERVICE", description="The customer served themselves.")
    ASSISTED = strawberry.enum_value("ASSISTED", description="A servicing resource helped.")


@strawberry.input(description="What every captured event says, whatever its category.")
class EventInput:
    customer_id: strawberry.ID = strawberry.field(description="The customer the event is about.")
    type: str = strawberry.field(description="The event type, one of its category's EventType codes, e.g. RELOCATION.")
    occurred_at: datetime.datetime | None = strawberry.field(
        default=None, description="When it happened (default: now); at most the configured tolerance in the future.")
    channel: EventChannel | None = strawberry.field(default=None, description="Where it happened.")
    record: str | None = strawberry.field(
        default=None, description="BIAN ...EventRecord: the details of the event, at most 4000 characters.")
    result: str | None = strawberry.field(default=None, description="How it ended, e.g. RESOLVED (BIAN ContactResult).")
    location: str | None = strawberry.field(default=None, description="Where it was captured (BIAN DateTimeLocation).")
    employee_unit_reference: strawberry.ID | None = strawberry.field(
        default=None, description="BIAN EmployeeUnitReference: the servicing resource involved; must exist.")
    source: str | None = strawberry.field(default=None, description="The feeding system (default GATEWAY).")
    source_reference: str | None = strawberry.field(
        default=None, description="The event's id in the source system; without an idempotency key, "
                                  "source and sourceReference are the natural key that makes capture idempotent.")
    idempotency_key: str | None = strawberry.field(
        default=None, description="A key unique to this event: a retry with it returns the first event, writing nothing.")


@strawberry.input(description="A relationship event (BIAN CaptureRelationship).")
class CaptureRelationshipEventInput(EventInput):
    relationship_action: str | None = strawberry.field(
        default=None, description="BIAN CustomerRelationshipEventAction: what was done or agreed.")


@strawberry.input(description="A sales event (BIAN CaptureSales).")
class CaptureSalesEventInput(EventInput):
    sales_event_type: SalesEventType | None = strawberry.field(default=None, description="How the contact came about.")
    product_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="BIAN ProductandServiceType: the products discussed; each must exist.")
    lead_reference: strawberry.ID | None = strawberry.field(
        default=None, description="BIAN LeadandOpportunityReference: the lead it concerns; must exist.")
    commission_agreement_reference: str | None = strawberry.field(
        default=None, description="BIAN CommissionAgreementReference, if any.")


@strawberry.input(description="A servicing event (BIAN CaptureServicing).")
class CaptureServicingEventInput(EventInput):
    servicing_event_type: ServicingEventType | None = strawberry.field(
        default=None, description="Self-service or assisted.")
    contact_record_reference: str | None = strawberry.field(
        default=None, description="BIAN CustomerContactRecordReference: the contact it was part of.")
    accessed_product_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="BIAN AccessedProductandService: the products serviced; each must exist.")
    channel_device_type: str | None = strawberry.field(
        default=None, description="BIAN ChannelDeviceType, e.g. IOS_APP or DESK_PHONE.")
    contact_purpose: str | None = strawberry.field(default=None, description="BIAN ContactPurpose: why the customer got in touch.")
    allocation_reference: strawberry.ID | None = strawberry.field(
        default=None, description="The Contact Routing allocation the contact was served through; must exist.")


@strawberry.input(description="A product processing event (BIAN CaptureProductProcessing).")
class CaptureProductProcessingEventInput(EventInput):
    product_instance_reference: strawberry.ID | None = strawberry.field(
        default=None, description="BIAN ProductInstanceReference: the product processed; must exist.")
    description: str | None = strawberry.field(
        default=None, description="BIAN ProductActionEventDescription: details of the processing.")


@strawberry.input(description="A fraud event (BIAN CaptureFraud); relationship managers and admins only.")
class CaptureFraudEventInput(EventInput):
    fraud_case_reference: str | None = strawberry.field(
        default=None, description="BIAN FraudCaseReference: the fraud case handling it; events of one case share it.")
    contact_record_reference: str | None = strawberry.field(
        default=None, description="BIAN CustomerContactRecordReference: the contact it came up in.")
    accessed_product_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="BIAN AccessedProductandService: the products involved; each must exist.")


@strawberry.input(description="A life event (BIAN CaptureLife), e.g. a relocation detected during a call.")
class CaptureLifeEventInput(EventInput):
    contact_record_reference: str | None = strawberry.field(
        default=None, description="BIAN CustomerContactRecordReference: the contact it was revealed in.")


@strawberry.input(description="Changes to an event; only the fields given change, and null clears an optional one.")
class EventChangesInput:
    type: str | None = strawberry.field(default=strawberry.UNSET, description="A corrected event type of the same category.")
    occurred_at: datetime.datetime | None = strawberry.field(default=strawberry.UNSET, description="A corrected instant.")
    channel: EventChannel | None = strawberry.field(default=strawberry.UNSET, description="A corrected channel.")
    record: str | None = strawberry.field(default=strawberry.UNSET, description="New details of the event.")
    result: str | None = strawberry.field(default=strawberry.UNSET, description="How it ended, e.g. once resolved.")
    location: str | None = strawberry.field(default=strawberry.UNSET, description="Where it was captured.")


@strawberry.input(description="Changes to a relationship event (BIAN UpdateRelationship).")
class UpdateRelationshipEventInput(EventChangesInput):
    relationship_action: str | None = strawberry.field(default=strawberry.UNSET, description="What was done or agreed.")


@strawberry.input(description="Changes to a sales event (BIAN UpdateSales).")
class UpdateSalesEventInput(EventChangesInput):
    sales_event_type: SalesEventType | None = strawberry.field(default=strawberry.UNSET, description="How it came about.")
    commission_agreement_reference: str | None = strawberry.field(
        default=strawberry.UNSET, description="BIAN CommissionAgreementReference.")


@strawberry.input(description="Changes to a servicing event (BIAN UpdateServicing).")
class UpdateServicingEventInput(EventChangesInput):
    servicing_event_type: ServicingEventType | None = strawberry.field(
        default=strawberry.UNSET, description="Self-service or assisted.")
    contact_record_reference: str | None = strawberry.field(
        default=strawberry.UNSET, description="BIAN CustomerContactRecordReference.")
    channel_device_type: str | None = strawberry.field(default=strawberry.UNSET, description="BIAN ChannelDeviceType.")
    contact_purpose: str | None = strawberry.field(default=strawberry.UNSET, description="BIAN ContactPurpose.")


@strawberry.input(description="Changes to a product processing event (BIAN UpdateProductProcessing).")
class UpdateProductProcessingEventInput(EventChangesInput):
    description: str | None = strawberry.field(
        default=strawberry.UNSET, description="BIAN ProductActionEventDescription.")


@strawberry.input(description="Changes to a fraud event (BIAN UpdateFraud).")
class UpdateFraudEventInput(EventChangesInput):
    fraud_case_reference: str | None = strawberry.field(default=strawberry.UNSET, description="BIAN FraudCaseReference.")
    contact_record_reference: str | None = strawberry.field(
        default=strawberry.UNSET, description="BIAN CustomerContactRecordReference.")


@strawberry.input(description="Changes to a life event (BIAN UpdateLife).")
class UpdateLifeEventInput(EventChangesInput):
    contact_record_reference: str | None = strawberry.field(
        default=strawberry.UNSET, description="BIAN CustomerContactRecordReference.")


def _code(value: Any) -> Any:
    """An enum's stored name; anything else as given."""
    return value.value if isinstance(value, enum.Enum) else value


def new_event(input: EventInput, category: EventCategory) -> NewEvent:
    """The event a capture input describes, its category's details and products included."""
    products = [str(p) for p in (getattr(input, "product_ids", None) or getattr(input, "accessed_product_ids", None) or [])]
    instance = getattr(input, "product_instance_reference", None)
    if instance is not None:
        products.append(str(instance))
    lead, allocation = getattr(input, "lead_reference", None), getattr(input, "allocation_reference", None)
    return NewEvent(
        customer_id=str(input.customer_id), type=input.type, occurred_at=input.occurred_at,
        channel=_code(input.channel), record=input.record, result=input.result,
        location=input.location,
        employee_unit_reference=None if input.employee_unit_reference is None else str(input.employee_unit_reference),
        source=input.source, source_reference=input.source_reference, idempotency_key=input.idempotency_key,
        details={name: _code(getattr(input, attribute)) for attribute, name in DETAILS[category]},
        product_ids=tuple(products), lead_reference=None if lead is None else str(lead),
        allocation_reference=None if allocation is None else str(allocation),
    )


def given_changes(changes: EventChangesInput, category: EventCategory) -> dict[str, Any]:
    """The fields an update input gives (null included, to clear), by stored property."""
    given = {name: getattr(changes, attribute) for attribute, name, _ in changeable(category)}
    return {name: _code(value) for name, value in given.items() if value is not strawberry.UNSET}
