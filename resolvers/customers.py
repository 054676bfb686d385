"""Customers and their network: the first vertical slice every domain builds on.

`customer` and `customers` read one Cypher each; holdings, household and related parties
come through DataLoaders, so a page costs the same few round trips whatever its size.
"""

from __future__ import annotations

import datetime
import enum
from typing import Any

import strawberry

from graph.errors import NotFound
from graph.queries import load
from resolvers.auth import ALL_ROLES, allow
from resolvers.batching import batched
from resolvers.pagination import PageInfo, decode_cursor, encode_cursor, page_size

GET_CUSTOMERS_BY_ID = load("customers/get_customers_by_id")
LIST_CUSTOMERS = load("customers/list_customers")
HOLDINGS_OF_CUSTOMERS = load("customers/holdings_of_customers")
HOUSEHOLDS_OF_CUSTOMERS = load("customers/households_of_customers")
MEMBERS_OF_HOUSEHOLDS = load("customers/members_of_households")
RELATED_PARTIES_OF_CUSTOMERS = load("customers/related_parties_of_customers")

CURSOR_KIND = "customer"


@strawberry.enum(description="Whether the customer is a natural person or an organization.")
class CustomerKind(enum.Enum):
    PERSON = "PERSON"
    ORGANIZATION = "ORGANIZATION"


@strawberry.enum(description="The bank's customer segment; persons and organizations have their own.")
class Segment(enum.Enum):
    MASS = "MASS"
    AFFLUENT = "AFFLUENT"
    PREMIER = "PREMIER"
    PRIVATE = "PRIVATE"
    SMALL_BUSINESS = "SMALL_BUSINESS"
    CORPORATE = "CORPORATE"


@strawberry.enum(description="Where the customer stands in the relationship lifecycle.")
class CustomerStatus(enum.Enum):
    ACTIVE = "ACTIVE"
    DORMANT = "DORMANT"
    PROSPECT = "PROSPECT"
    CLOSED = "CLOSED"


@strawberry.enum(description="The kind of a stored relation: (a)-[:RELATED_TO {kind}]->(b) reads 'a is the kind of b'.")
class RelationshipKind(enum.Enum):
    SPOUSE = "SPOUSE"
    PARENT = "PARENT"
    EMPLOYER = "EMPLOYER"
    DIRECTOR = "DIRECTOR"
    OWNER = "OWNER"
    GUARANTOR = "GUARANTOR"
    SUBSIDIARY = "SUBSIDIARY"


@strawberry.enum(description="What the related party is to the customer being looked at.")
class PartyRole(enum.Enum):
    SPOUSE = "SPOUSE"
    PARENT = "PARENT"
    CHILD = "CHILD"
    EMPLOYER = "EMPLOYER"
    EMPLOYEE = "EMPLOYEE"
    DIRECTOR = "DIRECTOR"
    DIRECTED_COMPANY = "DIRECTED_COMPANY"
    OWNER = "OWNER"
    OWNED_COMPANY = "OWNED_COMPANY"
    GUARANTOR = "GUARANTOR"
    GUARANTEED_PARTY = "GUARANTEED_PARTY"
    SUBSIDIARY = "SUBSIDIARY"
    PARENT_COMPANY = "PARENT_COMPANY"


# When the customer is the subject ("customer is the PARENT of party"), the party is the CHILD.
INVERSE_ROLE = {
    "SPOUSE": "SPOUSE", "PARENT": "CHILD", "EMPLOYER": "EMPLOYEE", "DIRECTOR": "DIRECTED_COMPANY",
    "OWNER": "OWNED_COMPANY", "GUARANTOR": "GUARANTEED_PARTY", "SUBSIDIARY": "PARENT_COMPANY",
}


@strawberry.enum(description="A household member's place in it.")
class HouseholdRole(enum.Enum):
    HEAD = "HEAD"
    PARTNER = "PARTNER"
    DEPENDANT = "DEPENDANT"


@strawberry.enum(description="Whether a product holding is still open.")
class HoldingStatus(enum.Enum):
    ACTIVE = "ACTIVE"
    CLOSED = "CLOSED"


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
        return cls(product=Product.from_record(row["product"]), since=_date(row.get("since")),
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
            country=row.get("country"), customer_since=_date(row.get("customerSince")),
        )

    @strawberry.field(description="The products the customer holds or held: open ones first, newest first.")
    async def holdings(self, info: strawberry.Info) -> list[Holding]:
        rows = await batched(info, HOLDINGS_OF_CUSTOMERS, keys_param="customerIds", key_column="customerId",
                             value_column="holdings", missing=[]).load(self.customer_id)
        return sorted((Holding.from_record(row) for row in rows), key=_holding_order)

    @strawberry.field(description="The household the customer belongs to, if any.")
    async def household(self, info: strawberry.Info) -> Household | None:
        row = await batched(info, HOUSEHOLDS_OF_CUSTOMERS, keys_param="customerIds", key_column="customerId",
                            value_column="household").load(self.customer_id)
        return None if row is None else Household.from_record(row)

    @strawberry.field(description="Parties related to the customer (family, employer, directors, owners, guarantors, group companies).")
    async def related_parties(self, info: strawberry.Info) -> list[RelatedParty]:
        rows = await batched(info, RELATED_PARTIES_OF_CUSTOMERS, keys_param="customerIds", key_column="customerId",
                             value_column="relations", missing=[]).load(self.customer_id)
        parties = [RelatedParty.from_record(row) for row in rows]
        return sorted(parties, key=lambda p: (p.role.value, str(p.party.customer_id)))


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
                   kind=RelationshipKind(kind), since=_date(row.get("since")))


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
    async def members(self, info: strawberry.Info) -> list[HouseholdMember]:
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
    name_prefix: str | None = strawberry.field(default=None, description="Only names starting with this text (case-sensitive).")


@strawberry.type
class CustomerQuery:
    @strawberry.field(description="One customer by id. Unknown ids give a NOT_FOUND error.", extensions=allow(*ALL_ROLES))
    async def customer(self, info: strawberry.Info, customer_id: strawberry.ID) -> Customer | None:
        row = await batched(info, GET_CUSTOMERS_BY_ID, keys_param="customerIds", key_column="customerId",
                            value_column="customer").load(str(customer_id))
        if row is None:
            raise NotFound(f"no customer with customerId {customer_id!r}", field="customerId")
        return Customer.from_record(row)

    @strawberry.field(description="Customers in customerId order, a page at a time (first: 1-100, default 20).",
                      extensions=allow(*ALL_ROLES))
    async def customers(self, info: strawberry.Info, first: int | None = None, after: str | None = None,
                        filter: CustomerFilter | None = None) -> CustomerConnection:
        size = page_size(first)
        after_id = decode_cursor(CURSOR_KIND, after) or ""
        wanted = filter or CustomerFilter()
        rows = await info.context.db.read(
            LIST_CUSTOMERS, after=after_id, limit=size + 1, segment=_value(wanted.segment),
            status=_value(wanted.status), kind=_value(wanted.kind), namePrefix=wanted.name_prefix,
        )
        customers = [Customer.from_record(row["customer"]) for row in rows[:size]]
        edges = [CustomerEdge(cursor=encode_cursor(CURSOR_KIND, str(c.customer_id)), node=c) for c in customers]
        page = PageInfo(has_next_page=len(rows) > size, has_previous_page=after is not None,
                        start_cursor=edges[0].cursor if edges else None, end_cursor=edges[-1].cursor if edges else None)
        return CustomerConnection(edges=edges, page_info=page)


def _value(member: enum.Enum | None) -> str | None:
    return None if member is None else member.value


def _date(value: Any) -> datetime.date | None:
    return None if value is None else value.to_native()


def _holding_order(holding: Holding) -> tuple[bool, int, str]:
    """Open holdings first, newest first within each."""
    since = holding.since or datetime.date.min
    return (holding.status != HoldingStatus.ACTIVE, -since.toordinal(), str(holding.product.product_id))
