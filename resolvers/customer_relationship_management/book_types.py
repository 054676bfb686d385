"""The answer of relationshipManagerBook (book.py): the customers of a relationship manager's book and
what needs its attention. Each type is built from one part of the row of
book_of_relationship_manager.cypher, which already has the answer's shape, so `from_record` only renames.
"""

from __future__ import annotations

import datetime
from typing import Any

import strawberry

from graph.temporal import native
from resolvers.contact_routing.vocabulary import ResourceKind
from resolvers.customer_relationship_management.references import (
    PlanCustomerReference,
    ResourceReference,
    resource_reference,
)
from resolvers.customer_relationship_management.vocabulary import (
    ContactStatus,
    ContactType,
    IncidentStatus,
    IncidentType,
    PlanStatus,
)
from resolvers.customers import CustomerKind, Product, Segment
from resolvers.lead_and_opportunity_management.vocabulary import LeadStatus


@strawberry.type(description="The servicing resource whose book it is.")
class BookResource:
    resource_id: strawberry.ID = strawberry.field(description="The resource, e.g. R000301.")
    name: str = strawberry.field(description="The person's name.")
    kind: ResourceKind = strawberry.field(description="Usually RELATIONSHIP_MANAGER; any resource may own leads.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> BookResource:
        return cls(resource_id=strawberry.ID(row["resourceId"]), name=row["name"], kind=ResourceKind(row["kind"]))


@strawberry.type(description="A customer's relationship plan (BIAN CustomerRelationshipManagementPlan), in brief.")
class BookPlanSummary:
    plan_id: strawberry.ID = strawberry.field(description="The plan, e.g. RP-C0000001.")
    status: PlanStatus = strawberry.field(description="Where the plan is in its life.")
    review_due: datetime.date | None = strawberry.field(description="When the plan is next to be reviewed.")

    @classmethod
    def from_record(cls, row: dict[str, Any] | None) -> BookPlanSummary | None:
        if row is None:
            return None
        return cls(plan_id=strawberry.ID(row["planId"]), status=PlanStatus(row["status"]),
                   review_due=native(row["reviewDue"]))


@strawberry.type(description="A customer the resource manages, or covers as backup for another relationship manager.")
class BookCustomer:
    customer_id: strawberry.ID = strawberry.field(description="The customer, e.g. C0000001.")
    name: str = strawberry.field(description="The customer's name.")
    segment: Segment | None = strawberry.field(description="The customer's segment.")
    kind: CustomerKind | None = strawberry.field(description="Person or organization.")
    value_tier: str | None = strawberry.field(
        description="The customer's VALUE_TIER rating in force (BRONZE, SILVER, GOLD, PLATINUM); null: none.")
    plan: BookPlanSummary | None = strawberry.field(
        description="The customer's open plan, else its latest one; null: the customer has never had a plan.")
    covered_for: ResourceReference | None = strawberry.field(
        description="The relationship manager the resource is BACKUP_FOR and who manages the customer; null for "
                    "the resource's own customers.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> BookCustomer:
        return cls(customer_id=strawberry.ID(row["customerId"]), name=row["name"],
                   segment=None if row["segment"] is None else Segment(row["segment"]),
                   kind=None if row["kind"] is None else CustomerKind(row["kind"]), value_tier=row["valueTier"],
                   plan=BookPlanSummary.from_record(row["plan"]), covered_for=resource_reference(row["coveredFor"]))


@strawberry.type(description="Customers of the book, by customerId (covered ones grouped by their RM), at most `limit`.")
class BookCustomerList:
    total: int = strawberry.field(description="How many there are in all.")
    items: list[BookCustomer] = strawberry.field(description="The first `limit` of them.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> BookCustomerList:
        return cls(total=row["total"], items=[BookCustomer.from_record(c) for c in row["items"]])


@strawberry.type(description="An open plan of the book whose review falls due within the window asked for.")
class PlanDueForReview:
    plan_id: strawberry.ID = strawberry.field(description="The plan (BIAN CustomerRelationshipManagementPlan).")
    status: PlanStatus = strawberry.field(description="DRAFT, VERIFIED, ACTIVE or SUSPENDED.")
    review_due: datetime.date = strawberry.field(description="When the review is due.")
    overdue: bool = strawberry.field(description="Whether the review was due before today (UTC).")
    customer: PlanCustomerReference = strawberry.field(description="The plan's customer.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> PlanDueForReview:
        return cls(plan_id=strawberry.ID(row["planId"]), status=PlanStatus(row["status"]),
                   review_due=native(row["reviewDue"]), overdue=row["overdue"],
                   customer=PlanCustomerReference.from_record(row["customer"]))


@strawberry.type(description="Plans due for review, the oldest due date first, at most `limit`.")
class PlansDueForReview:
    total: int = strawberry.field(description="How many there are in all.")
    items: list[PlanDueForReview] = strawberry.field(description="The first `limit` of them.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> PlansDueForReview:
        return cls(total=row["total"], items=[PlanDueForReview.from_record(p) for p in row["items"]])


@strawberry.type(description="An open incident (BIAN Incident) on a plan of the book.")
class BookIncident:
    incident_id: strawberry.ID = strawberry.field(description="The incident.")
    plan_id: strawberry.ID = strawberry.field(description="The plan it is recorded on.")
    customer: PlanCustomerReference = strawberry.field(description="The plan's customer.")
    incident_type: IncidentType = strawberry.field(description="BIAN CustomerIncidentType.")
    priority: int = strawberry.field(description="1 the least urgent .. 5 the most.")
    status: IncidentStatus = strawberry.field(description="OPEN, IN_PROGRESS or ON_HOLD.")
    created_at: datetime.datetime = strawberry.field(description="When it was raised.")
    age_days: int = strawberry.field(description="Whole days since it was raised.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> BookIncident:
        return cls(incident_id=strawberry.ID(row["incidentId"]), plan_id=strawberry.ID(row["planId"]),
                   customer=PlanCustomerReference.from_record(row["customer"]),
                   incident_type=IncidentType(row["incidentType"]), priority=row["priority"],
                   status=IncidentStatus(row["status"]), created_at=native(row["createdAt"]), age_days=row["ageDays"])


@strawberry.type(description="Open incidents, the highest priority first, then the oldest, at most `limit`.")
class BookIncidentList:
    total: int = strawberry.field(description="How many there are in all.")
    items: list[BookIncident] = strawberry.field(description="The first `limit` of them.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> BookIncidentList:
        return cls(total=row["total"], items=[BookIncident.from_record(i) for i in row["items"]])


@strawberry.type(description="An open lead (BIAN LeadandOpportunityProcedure) of a book customer or owned by the resource.")
class BookLead:
    lead_id: strawberry.ID = strawberry.field(description="The lead.")
    customer: PlanCustomerReference | None = strawberry.field(description="The lead's customer.")
    product: Product | None = strawberry.field(description="The product of interest.")
    status: LeadStatus = strawberry.field(description="CAPTURED, QUALIFYING, CONFIRMED or OFFER_INITIATED.")
    owner: ResourceReference | None = strawberry.field(description="Who works the lead; null: nobody yet.")
    created_at: datetime.datetime | None = strawberry.field(description="When it was captured.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> BookLead:
        customer, product = row["customer"], row["product"]
        return cls(lead_id=strawberry.ID(row["leadId"]),
                   customer=None if customer is None else PlanCustomerReference.from_record(customer),
                   product=None if product is None else Product.from_record(product),
                   status=LeadStatus(row["status"]), owner=resource_reference(row["owner"]),
                   created_at=native(row["createdAt"]))


@strawberry.type(description="Open leads, the oldest first, at most `limit`.")
class BookLeadList:
    total: int = strawberry.field(description="How many there are in all.")
    items: list[BookLead] = strawberry.field(description="The first `limit` of them.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> BookLeadList:
        return cls(total=row["total"], items=[BookLead.from_record(lead) for lead in row["items"]])


@strawberry.type(description="A plan contact (BIAN Contact) of the book: held recently or scheduled soon.")
class BookContact:
    contact_id: strawberry.ID = strawberry.field(description="The contact.")
    plan_id: strawberry.ID = strawberry.field(description="The plan it belongs to.")
    customer: PlanCustomerReference = strawberry.field(description="The plan's customer.")
    contact_type: ContactType = strawberry.field(description="BIAN ContactType.")
    status: ContactStatus = strawberry.field(description="HELD or SCHEDULED.")
    scheduled_at: datetime.datetime = strawberry.field(description="BIAN ContactDateTime.")
    with_resource: ResourceReference | None = strawberry.field(description="Who holds the contact for the bank.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> BookContact:
        return cls(contact_id=strawberry.ID(row["contactId"]), plan_id=strawberry.ID(row["planId"]),
                   customer=PlanCustomerReference.from_record(row["customer"]),
                   contact_type=ContactType(row["contactType"]), status=ContactStatus(row["status"]),
                   scheduled_at=native(row["scheduledAt"]), with_resource=resource_reference(row["withResource"]))


@strawberry.type(description="Recent and upcoming plan contacts, the latest first, at most `limit`.")
class BookContactList:
    total: int = strawberry.field(description="How many there are in all.")
    items: list[BookContact] = strawberry.field(description="The first `limit` of them.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> BookContactList:
        return cls(total=row["total"], items=[BookContact.from_record(k) for k in row["items"]])


@strawberry.type(description="A relationship manager's book (BIAN Customer Relationship Management): the customers "
                             "it manages and covers as backup, and what needs its attention.")
class RelationshipManagerBook:
    resource: BookResource = strawberry.field(description="Whose book it is.")
    as_of: datetime.datetime = strawberry.field(description="The instant the book was read at.")
    managed_customers: BookCustomerList = strawberry.field(description="The customers the resource MANAGES.")
    covered_customers: BookCustomerList = strawberry.field(
        description="The customers of the relationship managers the resource is BACKUP_FOR.")
    plans_due_for_review: PlansDueForReview = strawberry.field(
        description="Open plans of the book's customers (managed and covered) due for review within reviewWithinDays.")
    open_incidents: BookIncidentList = strawberry.field(
        description="Open incidents (OPEN, IN_PROGRESS, ON_HOLD) on the plans of the book's customers.")
    open_leads: BookLeadList = strawberry.field(
        description="Open leads of the book's customers, and those OWNED_BY the resource.")
    recent_contacts: BookContactList = strawberry.field(
        description="Plan contacts of the book's customers HELD in the last recentDays, or SCHEDULED within the "
                    "next recentDays.")

    @classmethod
    def from_record(cls, row: dict[str, Any], as_of: datetime.datetime) -> RelationshipManagerBook:
        return cls(resource=BookResource.from_record(row["resource"]), as_of=as_of,
                   managed_customers=BookCustomerList.from_record(row["managedCustomers"]),
                   covered_customers=BookCustomerList.from_record(row["coveredCustomers"]),
                   plans_due_for_review=PlansDueForReview.from_record(row["plansDueForReview"]),
                   open_incidents=BookIncidentList.from_record(row["openIncidents"]),
                   open_leads=BookLeadList.from_record(row["openLeads"]),
                   recent_contacts=BookContactList.from_record(row["recentContacts"]))

    def customer_ids(self) -> list[str]:
        """Every customer the book names, in any of its lists."""
        customers = [str(c.customer_id) for c in (*self.managed_customers.items, *self.covered_customers.items)]
        references = [*(i.customer for i in self.plans_due_for_review.items), *(i.customer for i in self.open_incidents.items),
                      *(i.customer for i in self.open_leads.items), *(i.customer for i in self.recent_contacts.items)]
        return customers + [str(c.customer_id) for c in references if c is not None]
