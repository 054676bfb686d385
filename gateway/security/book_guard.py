"""The book rule on types: every field of a customer's objects asks it, at any depth, on any path.

Root arguments are checked where a request names an object (gateway/security/book.py), but a
response also reaches customers through nested fields: household members, related parties, lists in
analytics, subscription payloads. So the rule lives with the types instead. A type is
*customer-bearing* when its objects belong to one customer, read off the schema itself:

- it has a `customerId` field (Customer, Allocation, CustomerEvent, PartyState...), or
- it has a `customer` field holding a customer *reference* (Lead, RelationshipPlan, AgedLead...),
- or it is declared in OWNED_BY below (NetworkNode: its id is a customerId for CUSTOMER nodes).

A type linking to a whole `Customer` (HouseholdMember, RelatedParty) is a link in the network, not
an object of that customer: the Customer at its end guards itself.

For a principal bound by a book (a relationship manager), every field of such an object whose owner
is outside the book answers FORBIDDEN at its path, with null there and the rest of the response
intact; only the reference of a type that stands for a customer (REFERENCE_FIELDS) still answers,
because the network is what relationship managers explore. Those fields are made nullable in the
schema (`_withhold`), so a refused field does not null its parents. The check is one DataLoader per
operation: one book_access.cypher round trip per wave of owners, none for owners already known (the
root checks found already, see book.reach), none for principals no book bounds.
"""

from __future__ import annotations

from collections.abc import Callable
from inspect import isawaitable
from typing import Any

from graphql import (
    GraphQLField,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLSchema,
    default_field_resolver,
    get_named_type,
)

from gateway.security.book import book_holder, book_loader, in_book_already, outside_the_book
from resolvers.context import Context

ROOTS = frozenset({"Query", "Mutation", "Subscription"})

Owner = Callable[[Any], str | None]


# Types that stand for a customer: outside the book they still show who it is.
CUSTOMER_REFERENCES = frozenset({"Customer", "LeadCustomer", "PlanCustomer", "PlanCustomerReference",
                                 "LeadAnalyticsCustomer", "BookCustomer", "FlaggedCustomer"})
REFERENCE_FIELDS: dict[str, frozenset[str]] = {
    **{name: frozenset({"customerId", "name", "kind"}) for name in CUSTOMER_REFERENCES},
    "NetworkNode": frozenset({"id", "label", "caption", "customerKind"}),
}


def _network_node_owner(node: Any) -> str | None:
    return str(node.id) if getattr(node.label, "value", node.label) == "CUSTOMER" else None


# Customer-bearing types whose owner the schema cannot show by a customerId or customer field.
OWNED_BY: dict[str, Owner] = {"NetworkNode": _network_node_owner}


def _assignee(allocation: Any) -> str | None:
    resource = getattr(allocation, "resource", None)
    found = getattr(allocation, "resource_id", None) or getattr(resource, "resource_id", None)
    return None if found is None else str(found)


# Objects that are the holder's own work whatever becomes of the customer: an allocation offered to
# the resource stays its own after it ends (the desktop must see its offer time out or complete),
# although the customer leaves the book when the allocation is no longer PENDING or ACCEPTED.
ASSIGNEE: dict[str, Callable[[Any], str | None]] = {
    "Allocation": _assignee, "AllocationChange": _assignee, "PoolAssignment": _assignee}


def _customer_id(value: Any) -> str | None:
    return None if value is None else str(value)


def _owner(type_: GraphQLObjectType) -> Owner | None:
    """How to read the owning customerId off an object of `type_`; None when no customer owns it."""
    if type_.name in OWNED_BY:
        return OWNED_BY[type_.name]
    if "customerId" in type_.fields:
        return lambda obj: _customer_id(getattr(obj, "customer_id", None))
    customer = type_.fields.get("customer")
    if customer is not None:
        held = get_named_type(customer.type)
        if isinstance(held, GraphQLObjectType) and held.name != "Customer" and "customerId" in held.fields:
            return lambda obj: _customer_id(getattr(getattr(obj, "customer", None), "customer_id", None))
    return None


def customer_bearing(schema: GraphQLSchema) -> dict[str, Owner]:
    """Every customer-bearing object type of `schema`, with how to read its owner."""
    found: dict[str, Owner] = {}
    for name, type_ in schema.type_map.items():
        if isinstance(type_, GraphQLObjectType) and name not in ROOTS and not name.startswith("__"):
            owner = _owner(type_)
            if owner is not None:
                found[name] = owner
    return found


def guard(schema: GraphQLSchema) -> GraphQLSchema:
    """Put the book rule on every withheld field of every customer-bearing type of `schema`."""
    for name, owner in customer_bearing(schema).items():
        type_ = schema.type_map[name]
        assert isinstance(type_, GraphQLObjectType)
        visible = REFERENCE_FIELDS.get(name, frozenset())
        type_.description = f"{type_.description or ''} {_withheld_note(visible)}".strip()
        for field_name, field in type_.fields.items():
            if field_name not in visible:
                _withhold(field, owner, ASSIGNEE.get(name))
    return schema


def _withheld_note(visible: frozenset[str]) -> str:
    """What the type's description tells front ends of the rule."""
    answered = f"only {', '.join(sorted(visible))} answer and every other field is" if visible else "every field is"
    return (f"Belongs to one customer: outside a relationship manager's book {answered} null with a FORBIDDEN "
            "error at its path.")


def _withhold(field: GraphQLField, owner: Owner, assignee: Callable[[Any], str | None] | None) -> None:
    if isinstance(field.type, GraphQLNonNull):
        field.type = field.type.of_type  # a refused field is null; its parents stay intact
    field.resolve = _guarded(field.resolve or default_field_resolver, owner, assignee)


def _guarded(resolve: Callable[..., Any], owner: Owner, assignee: Callable[[Any], str | None] | None) -> Callable[..., Any]:
    def resolver(root: Any, info: GraphQLResolveInfo[Any], **args: Any) -> Any:
        context = info.context
        holder = book_holder(context.principal) if isinstance(context, Context) and context.principal else None
        customer_id = owner(root) if holder is not None else None
        if holder is None or customer_id is None:
            return resolve(root, info, **args)
        if in_book_already(holder, customer_id) or (assignee is not None and assignee(root) == holder):
            return resolve(root, info, **args)
        return _after_check(resolve, root, info, args, context, holder, customer_id)

    return resolver


async def _after_check(resolve: Callable[..., Any], root: Any, info: GraphQLResolveInfo[Any], args: dict[str, Any],
                       context: Context, holder: str, customer_id: str) -> Any:
    if not await book_loader(context, holder).load(customer_id):
        raise outside_the_book(customer_id, holder, _path(info))
    value = resolve(root, info, **args)
    return await value if isawaitable(value) else value


def _path(info: GraphQLResolveInfo[Any]) -> str:
    return ".".join(map(str, info.path.as_list()))
