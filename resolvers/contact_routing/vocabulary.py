"""Contact Routing's GraphQL enums, each member described: the codes pools, resources and
allocations carry. The rules work with the same codes as plain values (domains/contact_routing/
vocabulary.py and lifecycle.py)."""

from __future__ import annotations

import enum

import strawberry


@strawberry.enum(description="How routing ranks equally suited resources of a pool.")
class PoolStrategy(enum.Enum):
    LONGEST_IDLE = strawberry.enum_value("LONGEST_IDLE", description="The resource available the longest goes first.")
    LEAST_LOAD = strawberry.enum_value("LEAST_LOAD", description="The resource with the fewest open contacts goes first.")
    ROUND_ROBIN = strawberry.enum_value("ROUND_ROBIN", description="Resources take turns.")


@strawberry.enum(description="What kind of contacts a servicing pool takes.")
class PoolPurpose(enum.Enum):
    SERVICING = strawberry.enum_value("SERVICING", description="Everyday servicing requests.")
    SALES = strawberry.enum_value("SALES", description="Sales and cross-sell.")
    PREMIER = strawberry.enum_value("PREMIER", description="Premier and private customers' relationship team.")
    FRAUD = strawberry.enum_value("FRAUD", description="Fraud investigation.")
    COLLECTIONS = strawberry.enum_value("COLLECTIONS", description="Collections and recoveries.")
    VULNERABLE_CARE = strawberry.enum_value("VULNERABLE_CARE", description="Care for vulnerable customers.")
    CORPORATE = strawberry.enum_value("CORPORATE", description="Corporate and business banking.")
    KYC = strawberry.enum_value("KYC", description="Know-your-customer reviews.")


@strawberry.enum(description="What kind of person a servicing resource is.")
class ResourceKind(enum.Enum):
    AGENT = strawberry.enum_value("AGENT", description="A contact-centre agent.")
    RELATIONSHIP_MANAGER = strawberry.enum_value(
        "RELATIONSHIP_MANAGER", description="A relationship manager with a book of customers.")
    SPECIALIST = strawberry.enum_value("SPECIALIST", description="A specialist, e.g. in fraud or collections.")


@strawberry.enum(description="Whether a servicing resource can take a contact now.")
class ResourceStatus(enum.Enum):
    AVAILABLE = strawberry.enum_value("AVAILABLE", description="Ready for a contact.")
    BUSY = strawberry.enum_value("BUSY", description="Serving a contact.")
    WRAP_UP = strawberry.enum_value("WRAP_UP", description="Finishing the work of the last contact.")
    AWAY = strawberry.enum_value("AWAY", description="On a break or in a meeting.")
    OFFLINE = strawberry.enum_value("OFFLINE", description="Not working.")


@strawberry.type(description="A skill, by its code and readable name.")
class SkillReference:
    code: str = strawberry.field(description="The skill's code, e.g. MORTGAGE_SALES.")
    name: str | None = strawberry.field(description="The skill's readable name.")


@strawberry.enum(description="Where an allocation is in its lifecycle: QUEUED → PENDING → ACCEPTED → COMPLETED, or "
                             "REJECTED, TIMED_OUT (from PENDING) and CANCELLED.")
class AllocationStatus(enum.Enum):
    QUEUED = strawberry.enum_value("QUEUED", description="Nobody can take the contact yet; it waits in its pools.")
    PENDING = strawberry.enum_value("PENDING", description="Offered to a resource, which must accept in time.")
    ACCEPTED = strawberry.enum_value("ACCEPTED", description="The resource is serving the contact.")
    COMPLETED = strawberry.enum_value("COMPLETED", description="Served; the capacity is free again.")
    REJECTED = strawberry.enum_value("REJECTED", description="The resource declined; the contact was re-routed.")
    TIMED_OUT = strawberry.enum_value("TIMED_OUT", description="Not accepted in time; the contact was re-routed.")
    CANCELLED = strawberry.enum_value("CANCELLED", description="Withdrawn, e.g. the customer hung up.")


@strawberry.enum(description="A step a resource's desktop or a supervisor takes on an allocation.")
class AllocationAction(enum.Enum):
    ACCEPT = strawberry.enum_value("ACCEPT", description="PENDING → ACCEPTED, before the offer lapses.")
    REJECT = strawberry.enum_value("REJECT", description="PENDING → REJECTED; the contact is re-routed to someone else.")
    COMPLETE = strawberry.enum_value("COMPLETE", description="ACCEPTED → COMPLETED; frees capacity for the queue.")
    CANCEL = strawberry.enum_value("CANCEL", description="QUEUED, PENDING or ACCEPTED → CANCELLED; frees capacity.")


@strawberry.enum(description="How a contact ended, captured at wrap-up.")
class ContactDisposition(enum.Enum):
    RESOLVED = strawberry.enum_value("RESOLVED", description="The customer's need was met.")
    FOLLOW_UP_NEEDED = strawberry.enum_value("FOLLOW_UP_NEEDED", description="More work is needed after the contact.")
    ESCALATED = strawberry.enum_value("ESCALATED", description="Passed to a specialist or supervisor.")
    SALES_OPPORTUNITY = strawberry.enum_value("SALES_OPPORTUNITY", description="An interest worth a lead was found.")
    NO_CONTACT = strawberry.enum_value("NO_CONTACT", description="The customer could not be reached.")
