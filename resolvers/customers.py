"""Customers and their network: the first vertical slice every domain builds on.

`customer` and `customers` read one Cypher each; holdings, household and related parties
come through DataLoaders, so a page costs the same few round trips whatever its size.
"""

from __future__ import annotations

import datetime
import enum
from typing import Annotated, Any

import strawberry

from domains.found import present
from gateway.security.auth import ALL_ROLES, Role, allow
from gateway.security.book import book_holder, mark_in_book, require_reach_for
from graph.queries import load
from graph.temporal import native
from resolvers.batching import batched
from resolvers.context import Info
from resolvers.customer_event_history import (
    TIMELINE_READERS,
    EventCategory,
    EventConnection,
    customer_events,
    timeline_page,
)
from resolvers.pagination import PageInfo, decode_cursor, encode_cursor, page_size
from resolvers.party_routing_profile import PartyState, routing_profile

GET_CUSTOMERS_BY_ID = load("customers/get_customers_by_id")
LIST_CUSTOMERS = load("customers/list_customers")
HOLDINGS_OF_CUSTOMERS = load("customers/holdings_of_customers")
HOUSEHOLDS_OF_CUSTOMERS = load("customers/households_of_customers")
MEMBERS_OF_HOUSEHOLDS = load("customers/members_of_households")
RELATED_PARTIES_OF_CUSTOMERS = load("customers/related_parties_of_customers")

CURSOR_KIND = "customer"


@strawberry.enum(description="Whether the customer is a natural person or an organization.")
class CustomerKind(enum.Enum):
    PERSON = strawberry.enum_value("PERSON", description="A natural person.")
    ORGANIZATION = strawberry.enum_value("ORGANIZATION", description="A company, association or other legal entity.")


@strawberry.enum(description="The bank's customer segment; persons and organizations have their own.")
class Segment(enum.Enum):
    MASS = strawberry.enum_value("MASS", description="Retail customers served through shared channels.")
    AFFLUENT = strawberry.enum_value("AFFLUENT", description="Retail customers with higher balances and advice needs.")
    PREMIER = strawberry.enum_value("PREMIER", description="High-value retail customers with a relationship manager.")
    PRIVATE = strawberry.enum_value("PRIVATE", description="Private-banking clients with a dedicated banker.")
    SMALL_BUSINESS = strawberry.enum_value("SMALL_BUSINESS", description="Small and medium-sized enterprises.")
    CORPORATE = strawberry.enum_value("CORPORATE", description="Large companies and groups.")


@strawberry.enum(description="Where the customer stands in the relationship lifecycle.")
class CustomerStatus(enum.Enum):
    ACTIVE = strawberry.enum_value("ACTIVE", description="A current customer.")
    DORMANT = strawberry.enum_value("DORMANT", description="A customer with no activity for a long time.")
    PROSPECT = strawberry.enum_value("PROSPECT", description="A party the bank is courting, not yet onboarded.")
    CLOSED = strawberry.enum_value("CLOSED", description="A former customer; kept for history.")


@strawberry.enum(description="The kind of a stored relation: (a)-[:RELATED_TO {kind}]->(b) reads 'a is the kind of b'.")
class RelationshipKind(enum.Enum):
    SPOUSE = strawberry.enum_value("SPOUSE", description="a is the spouse of b.")
    PARENT = strawberry.enum_value("PARENT", description="a is a parent of b.")
    EMPLOYER = strawberry.enum_value("EMPLOYER", description="a (an organization) employs b.")
    DIRECTOR = strawberry.enum_value("DIRECTOR", description="a is a director of b (an organization).")
    OWNER = strawberry.enum_value("OWNER", description="a owns (part of) b (an organization).")
    GUARANTOR = strawberry.enum_value("GUARANTOR", description="a guarantees b's obligations.")
    SUBSIDIARY = strawberry.enum_value("SUBSIDIARY", description="a is a subsidiary of b.")


@strawberry.enum(description="What the related party is to the customer being looked at.")
class PartyRole(enum.Enum):
    SPOUSE = strawberry.enum_value("SPOUSE", description="The party is the customer's spouse.")
    PARENT = strawberry.enum_value("PARENT", description="The party is the customer's parent.")
    CHILD = strawberry.enum_value("CHILD", description="The party is the customer's child.")
    EMPLOYER = strawberry.enum_value("EMPLOYER", description="The party employs the customer.")
    EMPLOYEE = strawberry.enum_value("EMPLOYEE", description="The party is employed by the customer.")
    DIRECTOR = strawberry.enum_value("DIRECTOR", description="The party is a director of the customer.")
    DIRECTED_COMPANY = strawberry.enum_value("DIRECTED_COMPANY", description="The customer is a director of the party.")
    OWNER = strawberry.enum_value("OWNER", description="The party owns (part of) the customer.")
    OWNED_COMPANY = strawberry.enum_value("OWNED_COMPANY", description="The customer owns (part of) the party.")
    GUARANTOR = strawberry.enum_value("GUARANTOR", description="The party guarantees the customer's obligations.")
    GUARANTEED_PARTY = strawberry.enum_value("GUARANTEED_PARTY", description="The customer guarantees the party's obligations.")
    SUBSIDIARY = strawberry.enum_value("SUBSIDIARY", description="The party is a subsidiary of the customer.")
    PARENT_COMPANY = strawberry.enum_value("PARENT_COMPANY", description="The party is the customer's parent company.")


# When the customer is the subject ("customer is the PARENT of party"), the party is the CHILD.
INVERSE_ROLE = {
    "SPOUSE": "SPOUSE", "PARENT": "CHILD", "EMPLOYER": "EMPLOYEE", "DIRECTOR": "DIRECTED_COMPANY",
    "OWNER": "OWNED_COMPANY", "GUARANTOR": "GUARANTEED_PARTY", "SUBSIDIARY": "PARENT_COMPANY",
}


@strawberry.enum(description="A household member's place in it.")
class HouseholdRole(enum.Enum):
    HEAD = strawberry.enum_value("HEAD", description="The household's main contact.")
    PARTNER = strawberry.enum_value("PARTNER", description="The head's partner.")
    DEPENDANT = strawberry.enum_value("DEPENDANT", description="A child or other dependant.")


@strawberry.enum(description="Whether a product holding is still open.")
class HoldingStatus(enum.Enum):
    ACTIVE = strawberry.enum_value("ACTIVE", description="The holding is open.")
    CLOSED = strawberry.enum_value("CLOSED", description="The holding was closed; kept for history.")


@strawberry.type(description="A product the bank offers.")
class Product:
    product_id: strawberry.ID = strawberry.field(description="The product's identifier, e.g. P-MORTGAGE-FIXED.")
    name: str = strawberry.field(description="The product's commercial name.")
    family: str = strawberry.field(description="The product family, e.g. LENDING, DEPOSITS, CARDS.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Product:
        return cls(product_id=strawberry.ID(row["productId"]), name=row["name"], family=row["family"])


@strawberry.type(description="A product the customer holds or held.")
class Holding:
    product: Product = strawberry.field(description="The product held.")
    since: datetime.date | None = strawberry.field(description="When the customer took the product.")
    status: HoldingStatus = strawberry.field(description="Whether the holding is still open.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Holding:
        return cls(product=Product.from_record(row["product"]), since=native(row.get("since")),
                   status=HoldingStatus(row["status"]))


@strawberry.type(description="A bank customer: a person or an organization.")
class Customer:
    customer_id: strawberry.ID = strawberry.field(description="The customer's identifier, e.g. C0000042.")
    name: str = strawberry.field(description="Full name of the person or registered name of the organization.")
    kind: CustomerKind = strawberry.field(description="Person or organization.")
    segment: Segment = strawberry.field(description="The bank's customer segment.")
    status: CustomerStatus = strawberry.field(description="Lifecycle status.")
    language: str = strawberry.field(description="Preferred language for contact, ISO 639-1 (e.g. en, fr).")
    country: str | None = strawberry.field(description="Country of residence or registration, ISO 3166-1 alpha-2.")
    customer_since: datetime.date | None = strawberry.field(description="When the relationship began.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Customer:
        return cls(
            customer_id=strawberry.ID(row["customerId"]), name=row["name"], kind=CustomerKind(row["kind"]),
            segment=Segment(row["segment"]), status=CustomerStatus(row["status"]), language=row["language"],
            country=row.get("country"), customer_since=native(row.get("customerSince")),
        )

    @strawberry.field(description="The products the customer holds or held: open ones first, newest first.")
    async def holdings(self, info: Info) -> list[Holding]:
        rows = await batched(info, HOLDINGS_OF_CUSTOMERS, keys_param="customerIds", key_column="customerId",
                             value_column="holdings", missing=[]).load(self.customer_id)
        return sorted((Holding.from_record(row) for row in rows), key=_holding_order)

    @strawberry.field(description="The household the customer belongs to, if any.")
    async def household(self, info: Info) -> Household | None:
        row = await batched(info, HOUSEHOLDS_OF_CUSTOMERS, keys_param="customerIds", key_column="customerId",
                            value_column="household").load(self.customer_id)
        return None if row is None else Household.from_record(row)

    @strawberry.field(description="Parties related to the customer (family, employer, directors, owners, guarantors, group companies).")
    async def related_parties(self, info: Info) -> list[RelatedParty]:
        rows = await batched(info, RELATED_PARTIES_OF_CUSTOMERS, keys_param="customerIds", key_column="customerId",
                             value_column="relations", missing=[]).load(self.customer_id)
        parties = [RelatedParty.from_record(row) for row in rows]
        return sorted(parties, key=lambda p: (p.role.value, str(p.party.customer_id)))

    @strawberry.field(
        description="The routing profile (statuses, ratings, alerts) and its history. Not for analysts; "
                    "confidential indicators and alert narratives only for relationship managers and admins.",
        extensions=allow(Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ADMIN),
    )
    async def routing_profile(
        self, info: Info,
        at: Annotated[datetime.datetime | None, strawberry.argument(
            description="The instant whose active indicators to show (default: now; without a zone, UTC).")] = None,
    ) -> PartyState | None:
        return await routing_profile(info, str(self.customer_id), at)

    @strawberry.field(
        description="The customer's events, newest first (ties by eventId, descending), a page at a time "
                    "(first: 1-100, default 20). FRAUD events only for relationship managers and admins; "
                    "for others they are left out.",
        extensions=allow(*TIMELINE_READERS),
    )
    async def events(
        self, info: Info,
        first: Annotated[int | None, strawberry.argument(description="Page size, 1-100 (default 20).")] = 20,
        after: Annotated[str | None, strawberry.argument(description="An endCursor from the previous page.")] = None,
        categories: Annotated[list[EventCategory] | None, strawberry.argument(
            description="Only these categories (default: all the principal may see); FRAUD is FORBIDDEN "
                        "to front ends and analysts.")] = None,
        types: Annotated[list[str] | None, strawberry.argument(
            description="Only these event types, e.g. [\"CARD_REPLACEMENT\"] (default: all).")] = None,
        from_: Annotated[datetime.datetime | None, strawberry.argument(
            name="from", description="Only events at or after this instant (without a zone, UTC).")] = None,
        to: Annotated[datetime.datetime | None, strawberry.argument(
            description="Only events before this instant (without a zone, UTC); after `from`.")] = None,
    ) -> EventConnection:
        page = timeline_page(info.context.caller, first, after, categories, types, from_, to)
        return await customer_events(info, str(self.customer_id), page)


@strawberry.type(description="A party related to the customer, and what it is to the customer.")
class RelatedParty:
    party: Customer = strawberry.field(description="The related customer.")
    role: PartyRole = strawberry.field(description="What the party is to the customer, e.g. EMPLOYER or CHILD.")
    kind: RelationshipKind = strawberry.field(description="The stored relation kind (see RelationshipKind).")
    since: datetime.date | None = strawberry.field(description="When the relation began.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> RelatedParty:
        kind = row["kind"]
        role = kind if row["partyIsSubject"] else INVERSE_ROLE[kind]
        return cls(party=Customer.from_record(row["party"]), role=PartyRole(role),
                   kind=RelationshipKind(kind), since=native(row.get("since")))


@strawberry.type(description="A member of a household.")
class HouseholdMember:
    role: HouseholdRole = strawberry.field(description="The member's place in the household.")
    customer: Customer = strawberry.field(description="The member.")


@strawberry.type(description="Persons who live and bank together.")
class Household:
    household_id: strawberry.ID = strawberry.field(description="The household's identifier.")
    name: str = strawberry.field(description="The household's name, e.g. 'Dupont household'.")
    role: HouseholdRole = strawberry.field(description="The role in it of the customer it was reached from.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Household:
        return cls(household_id=strawberry.ID(row["householdId"]), name=row["name"], role=HouseholdRole(row["role"]))

    @strawberry.field(description="Everyone in the household, heads first.")
    async def members(self, info: Info) -> list[HouseholdMember]:
        rows = await batched(info, MEMBERS_OF_HOUSEHOLDS, keys_param="householdIds", key_column="householdId",
                             value_column="members", missing=[]).load(self.household_id)
        members = [HouseholdMember(role=HouseholdRole(r["role"]), customer=Customer.from_record(r["customer"])) for r in rows]
        return sorted(members, key=lambda m: (list(HouseholdRole).index(m.role), str(m.customer.customer_id)))


@strawberry.type(description="One customer in a page, with its cursor.")
class CustomerEdge:
    cursor: str = strawberry.field(description="Pass as `after` to continue after this customer.")
    node: Customer = strawberry.field(description="The customer.")


@strawberry.type(description="A page of customers (Relay cursor connection).")
class CustomerConnection:
    edges: list[CustomerEdge] = strawberry.field(description="The customers of this page, in customerId order.")
    page_info: PageInfo = strawberry.field(description="Cursors and whether more pages exist.")


@strawberry.input(description="Narrows `customers`; every field given must match.")
class CustomerFilter:
    segment: Segment | None = strawberry.field(default=None, description="Only this segment.")
    status: CustomerStatus | None = strawberry.field(default=None, description="Only this lifecycle status.")
    kind: CustomerKind | None = strawberry.field(default=None, description="Only persons or only organizations.")
    name_prefix: str | None = strawberry.field(default=None, description="Only names starting with this text, whatever the case.")


@strawberry.type
class CustomerQuery:
    @strawberry.field(description="One customer by id. Unknown ids give a NOT_FOUND error.", extensions=allow(*ALL_ROLES))
    async def customer(
        self, info: Info,
        customer_id: Annotated[strawberry.ID, strawberry.argument(description="The customer's identifier, e.g. C0000042.")],
    ) -> Customer | None:
        await require_reach_for(info, "customerId", f"customer with customerId {customer_id!r}", customerId=str(customer_id))
        row = await batched(info, GET_CUSTOMERS_BY_ID, keys_param="customerIds", key_column="customerId",
                            value_column="customer").load(str(customer_id))
        return Customer.from_record(present(row, "customer", customer_id, "customerId"))

    @strawberry.field(description="Customers in customerId order, a page at a time (first: 1-100, default 20).",
                      extensions=allow(*ALL_ROLES))
    async def customers(
        self, info: Info,
        first: Annotated[int | None, strawberry.argument(description="Page size, 1-100 (default 20).")] = None,
        after: Annotated[str | None, strawberry.argument(description="An endCursor from the previous page.")] = None,
        filter: Annotated[CustomerFilter | None, strawberry.argument(description="Only customers matching all given fields.")] = None,
    ) -> CustomerConnection:
        size = page_size(first)
        after_id = decode_cursor(CURSOR_KIND, after) or ""
        wanted = filter or CustomerFilter()
        rows = await info.context.db.read(
            LIST_CUSTOMERS, after=after_id, limit=size + 1, segment=_value(wanted.segment),
            status=_value(wanted.status), kind=_value(wanted.kind), namePrefix=wanted.name_prefix,
            bookOf=book_holder(info.context.caller),
        )
        customers = [Customer.from_record(row["customer"]) for row in rows[:size]]
        mark_in_book(info.context, [str(c.customer_id) for c in customers])  # the list is the book's
        edges = [CustomerEdge(cursor=encode_cursor(CURSOR_KIND, str(c.customer_id)), node=c) for c in customers]
        page = PageInfo(has_next_page=len(rows) > size, has_previous_page=after is not None,
                        start_cursor=edges[0].cursor if edges else None, end_cursor=edges[-1].cursor if edges else None)
        return CustomerConnection(edges=edges, page_info=page)


def _value(member: enum.Enum | None) -> str | None:
    return None if member is None else member.value



def _holding_order(holding: Holding) -> tuple[bool, int, str]:
    """Open holdings first, newest first within each."""
    since = holding.since or datetime.date.min
    return (holding.status != HoldingStatus.ACTIVE, -since.toordinal(), str(holding.product.product_id))
