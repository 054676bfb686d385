"""What compiles, field by field: where each field's value is in the graph (spec), and the statement-wide
parameters that carry the rules' own tables (no rule is restated here: each comes from its one place).

A field's spec is one of
- Prop: a property of a node or relationship the parent bound (`customer.name`);
- Var: a value the parent's fragment bound (a related party's role);
- Frag: a fragment of cypher/compiled/ (a list, a nested object, a computed value), which may bind
  new variables for the child type and take the field's arguments as parameters;
- Bound: an object the parent already bound (a holding's product), read under the child's name.
A field missing here is not compiled: its root field is answered by the resolvers (coverage.toml).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from domains.party_routing_profile.profile import IndicatorCategory, profile_named
from gateway.security.auth import Principal
from gateway.security.book import book_holder
from graph.temporal import instant_or_now
from resolvers.customer_event_history.timeline import CURSOR_KIND as EVENT_CURSOR_KIND
from resolvers.customer_event_history.timeline import timeline_page
from resolvers.customers import CURSOR_KIND, INVERSE_ROLE, HouseholdRole
from resolvers.pagination import decode_cursor, page_size

Arguments = Callable[[dict[str, Any], Principal], dict[str, Any]]


@dataclass(frozen=True)
class Prop:
    variable: str
    name: str
    cursor: str | None = None  # the value is the key of a cursor of this kind (resolvers/pagination.py)


@dataclass(frozen=True)
class Var:
    variable: str


@dataclass(frozen=True)
class Frag:
    name: str
    binds: tuple[str, ...] = ()
    arguments: Arguments | None = None
    parameters: tuple[str, ...] = ()  # the placeholders `arguments` fills, each with a parameter
    cursor: str | None = None


@dataclass(frozen=True)
class Page:
    """A connection's pageInfo: PageInfo's fragments read the keys of the page's first and last items
    from these fragments, and encode them as cursors of this kind."""

    start: str
    end: str
    cursor: str


@dataclass(frozen=True)
class Bound:
    variable: str
    as_: str
    guard: bool = False  # a customer reached through a link: the book rule on types applies to it


@dataclass(frozen=True)
class ById:
    """A root field that names one object by an id argument, answered with its resolver's checks in
    their order and words: the book's first (check_row: FORBIDDEN, or NOT_FOUND naming the object as
    `named` does), then whether it exists (NOT_FOUND: "no <what> has the id ..."). Its fragment
    returns {found, inBook, customerId, value}."""

    parameter: str  # the placeholder of the id, also the field errors name
    named: Callable[[str], str]
    what: str


Spec = Prop | Var | Frag | Bound | Page
# A Frag whose cursor kind is its connection's (Page.cursor).
CONNECTION_CURSOR = "*"


def _enum_value(member: Any) -> Any:
    return None if member is None else member.value


def customer_arguments(args: dict[str, Any], principal: Principal) -> dict[str, Any]:
    return {"customerId": str(args["customerId"])}


def party_routing_profile_arguments(args: dict[str, Any], principal: Principal) -> dict[str, Any]:
    return {"partyStateId": str(args["partyStateId"]), "asOf": instant_or_now(args.get("at"))}


def customers_arguments(args: dict[str, Any], principal: Principal) -> dict[str, Any]:
    """Query.customers' arguments as its resolver reads them: the same checks, the same errors."""
    size = page_size(args.get("first"))
    after = args.get("after")
    wanted = args.get("filter") or {}
    return {"after": decode_cursor(CURSOR_KIND, after) or "", "limit": size + 1, "size": size,
            "hasPrevious": after is not None, "segment": _enum_value(wanted.get("segment")),
            "status": _enum_value(wanted.get("status")), "kind": _enum_value(wanted.get("kind")),
            "namePrefix": wanted.get("namePrefix")}


def profile_arguments(args: dict[str, Any], principal: Principal) -> dict[str, Any]:
    return {"asOf": instant_or_now(args.get("at"))}


def history_arguments(args: dict[str, Any], principal: Principal) -> dict[str, Any]:
    return {"types": args.get("types")}


def events_arguments(args: dict[str, Any], principal: Principal) -> dict[str, Any]:
    """Customer.events' arguments checked into a TimelinePage as its resolver does (the same errors),
    and that page's parameters."""
    page = timeline_page(principal, args.get("first"), args.get("after"), args.get("categories"), args.get("types"),
                         args.get("from"), args.get("to"))
    return {**page.params(), "size": page.size, "hasPrevious": bool(page.after_id)}


EVENT_PARAMETERS = ("limit", "afterAt", "afterId", "from", "to", "categories", "types", "seesFraud", "size", "hasPrevious")


def _props(type_name: str, variable: str, *names: str) -> dict[tuple[str, str], Spec]:
    return {(type_name, name): Prop(variable, name) for name in names}


# The root fields that compile: their fragment is a subquery returning one column.
ROOTS: dict[str, Frag] = {
    "customer": Frag("Query/customer", binds=("customer",), arguments=customer_arguments,
                     parameters=("customerId",)),
    "customers": Frag("Query/customers", binds=("rows",), arguments=customers_arguments,
                      parameters=("after", "limit", "size", "hasPrevious", "segment", "status", "kind", "namePrefix")),
    "partyRoutingProfile": Frag("Query/partyRoutingProfile", binds=("customer", "state"),
                                arguments=party_routing_profile_arguments, parameters=("partyStateId", "asOf")),
}
# The roots that name one object by id (their resolvers' checks: execute.py, _by_id).
BY_ID: dict[str, ById] = {
    "customer": ById("customerId", lambda customer_id: f"customer with customerId {customer_id!r}", "customer"),
    "partyRoutingProfile": ById("partyStateId", profile_named, "routing profile"),
}

SPEC: dict[tuple[str, str], Spec] = {
    **_props("Customer", "customer", "customerId", "name", "kind", "segment", "status", "language", "country",
             "customerSince"),
    ("Customer", "holdings"): Frag("Customer/holdings", binds=("holding", "product")),
    ("Customer", "household"): Frag("Customer/household", binds=("membership", "household")),
    ("Customer", "relatedParties"): Frag("Customer/relatedParties", binds=("relation", "party", "role")),
    ("Customer", "routingProfile"): Frag("Customer/routingProfile", binds=("state",), arguments=profile_arguments,
                                              parameters=("asOf",)),
    **_props("Holding", "holding", "since", "status"),
    ("Holding", "product"): Bound("product", "product"),
    **_props("Product", "product", "productId", "name", "family"),
    **_props("Household", "household", "householdId", "name"),
    ("Household", "role"): Prop("membership", "role"),
    ("Household", "members"): Frag("Household/members", binds=("member", "membership")),
    ("HouseholdMember", "role"): Prop("membership", "role"),
    ("HouseholdMember", "customer"): Bound("member", "customer", guard=True),
    ("RelatedParty", "party"): Bound("party", "customer", guard=True),
    ("RelatedParty", "role"): Var("role"),
    **_props("RelatedParty", "relation", "kind", "since"),
    **_props("PartyState", "state", "partyStateId", "createdAt", "updatedAt", "nextReviewDue", "note"),
    ("PartyState", "customerId"): Prop("customer", "customerId"),
    ("PartyState", "version"): Frag("PartyState/version"),
    ("PartyState", "asOf"): Frag("PartyState/asOf"),
    ("PartyState", "reviewRequests"): Frag("PartyState/reviewRequests", binds=("request",)),
    ("PartyState", "activeIndicators"): Frag("PartyState/activeIndicators", binds=("indicator", "category")),
    ("PartyState", "history"): Frag("PartyState/history", binds=("indicator", "category"), arguments=history_arguments,
                                    parameters=("types",)),
    **_props("ProfileReviewRequest", "request", "reviewRequestId", "reason", "status", "requestedAt", "requestedBy",
             "completedAt", "completedBy", "outcome"),
    **_props("RoutingIndicator", "indicator", "indicatorId", "type", "value", "validFrom", "validTo", "capturedAt",
             "source", "capturedBy", "closedAt", "closedBy"),
    ("RoutingIndicator", "category"): Var("category"),
    ("RoutingIndicator", "narrative"): Frag("RoutingIndicator/narrative"),
    ("CustomerConnection", "edges"): Frag("CustomerConnection/edges", binds=("customer",)),
    ("CustomerConnection", "pageInfo"): Page("CustomerConnection/startKey", "CustomerConnection/endKey", CURSOR_KIND),
    ("CustomerEdge", "cursor"): Prop("customer", "customerId", cursor=CURSOR_KIND),
    ("CustomerEdge", "node"): Bound("customer", "customer"),
    ("PageInfo", "hasNextPage"): Frag("PageInfo/hasNextPage"),
    ("PageInfo", "hasPreviousPage"): Frag("PageInfo/hasPreviousPage"),
    ("PageInfo", "startCursor"): Frag("PageInfo/startCursor", cursor=CONNECTION_CURSOR),
    ("PageInfo", "endCursor"): Frag("PageInfo/endCursor", cursor=CONNECTION_CURSOR),
    ("Customer", "events"): Frag("Customer/events", binds=("rows",), arguments=events_arguments,
                                 parameters=EVENT_PARAMETERS),
    ("EventConnection", "edges"): Frag("EventConnection/edges", binds=("event",)),
    ("EventConnection", "pageInfo"): Page("EventConnection/startKey", "EventConnection/endKey", EVENT_CURSOR_KIND),
    ("EventEdge", "cursor"): Frag("EventEdge/cursor", cursor=EVENT_CURSOR_KIND),
    ("EventEdge", "node"): Bound("event", "event"),
    **_props("CustomerEvent", "event", "eventId", "category", "type", "occurredAt", "channel", "record", "result",
             "location", "employeeUnitReference", "productIds", "leadReference", "allocationReference", "planReference",
             "subjectReference", "salesEventType", "commissionAgreementReference", "servicingEventType",
             "contactRecordReference", "channelDeviceType", "contactPurpose", "description", "fraudCaseReference",
             "relationshipAction", "source", "sourceReference", "capturedAt", "capturedBy", "updatedAt", "updatedBy"),
    ("CustomerEvent", "customerId"): Frag("CustomerEvent/customerId"),
    ("CustomerEvent", "version"): Frag("CustomerEvent/version"),
}


def statement_parameters(principal: Principal) -> dict[str, Any]:
    """The parameters every compiled statement may use: the principal's book and trust, and the
    orders and inverses the resolvers apply in Python, taken from where they are defined."""
    return {
        "bookOf": book_holder(principal),
        "trusted": principal.sees_confidential,
        "inverseRole": INVERSE_ROLE,
        "householdRoleOrder": {role.value: index for index, role in enumerate(HouseholdRole)},
        "indicatorCategoryOrder": {category.name: index for index, category in enumerate(IndicatorCategory)},
    }
