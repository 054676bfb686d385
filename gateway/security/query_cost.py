"""The cost of an operation, estimated from its document before anything runs.

The estimate is the number of objects the response may hold: an object field costs 1 plus
its selections; a list of objects multiplies that by how many items it may hold; scalars and
enums cost nothing (they come with their object's row). A list's size is, in order:

1. the page size the client asks for (`first` or `limit`, literal or variable) on the list
   field itself or on the object above it (`customers(first: 50) { edges ... }` and
   `relationshipManagerBook(limit: 100) { managedCustomers { items ... } }` size the lists inside);
2. that argument's default in the schema;
3. FANOUT below, the expected size of the lists that take no size argument;
4. DEFAULT_FANOUT for any other list.

Every fragment and every `@skip`/`@include` branch counts: the estimate is an upper bound.
The same walk checks each page size against GATEWAY_MAX_PAGE_SIZE.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    is_leaf_type,
)

from graph.errors import ValidationFailed
from resolvers.pagination import DEFAULT_PAGE_SIZE

# The arguments that size a page or a capped list.
PAGE_ARGUMENTS = ("first", "limit")

# Expected items of the lists that take no size argument, from the demo bank and the domain's
# rules (e.g. a routing profile holds a handful of indicators; a plan at most 20 goals).
# Generous rather than exact: the limit guards against abuse, not against ordinary use.
FANOUT: dict[str, int] = {
    "Query.indicatorTypes": 50,
    "Query.messageTemplates": 50,
    "Query.leadDevelopments": 20,
    "Query.customerRelationshipPlans": 10,
    "Query.relationshipDevelopments": 20,
    "Query.relationshipIncidents": 20,
    "Query.relationshipPlanCoverage": 50,
    "Query.relationshipGoalAttainment": 50,
    "Customer.holdings": 20,
    "Customer.relatedParties": 20,
    "Household.members": 10,
    "PartyState.history": 50,
    "CustomerEvent.versions": 10,
    "ServicingPool.members": 50,
    "RoutingPreview.candidates": 50,
    "RoutingPreview.rejected": 50,
    "PoolWindowStatistics.occupancy": 50,
    "RoutingIndicatorTrend.weeks": 53,
    "CustomerEventActivity.buckets": 60,
    "CustomerNetwork.nodes": 100,
    "CustomerNetwork.edges": 200,
    "CustomerPath.nodes": 10,
    "CustomerPath.edges": 10,
    "RelationshipActivityReview.flagged": 50,
    "Mutation.captureCustomerEvents": 100,
}
# Any other list of objects: the small fixed lists (skills of a pool, counts by status, ...).
DEFAULT_FANOUT = 10


@dataclass(frozen=True)
class Walk:
    schema: GraphQLSchema
    fragments: Mapping[str, FragmentDefinitionNode]
    variables: Mapping[str, Any]
    max_page_size: int


def operation_cost(schema: GraphQLSchema, operation: OperationDefinitionNode,
                   fragments: Mapping[str, FragmentDefinitionNode], variables: Mapping[str, Any] | None,
                   max_page_size: int) -> int:
    """The operation's estimated cost; ValidationFailed naming the argument for a page above `max_page_size`."""
    root = {OperationType.QUERY: schema.query_type, OperationType.MUTATION: schema.mutation_type,
            OperationType.SUBSCRIPTION: schema.subscription_type}[operation.operation]
    if root is None:
        return 0
    # A variable the client leaves out takes the default the document declares for it.
    declared = {definition.variable.name.value: int(definition.default_value.value)
                for definition in operation.variable_definitions or ()
                if isinstance(definition.default_value, IntValueNode)}
    walk = Walk(schema, fragments, {**declared, **(variables or {})}, max_page_size)
    return _selections(walk, operation.selection_set, root, None)


def _selections(walk: Walk, selection_set: SelectionSetNode, parent: GraphQLNamedType, size: int | None) -> int:
    """Cost of a selection set on `parent`; `size` is a page size asked for above, not yet used by a list."""
    cost = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            cost += _field(walk, selection, parent, size)
        elif isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition
            target = walk.schema.get_type(condition.name.value) if condition else parent
            cost += _selections(walk, selection.selection_set, target or parent, size)
        elif isinstance(selection, FragmentSpreadNode):
            fragment = walk.fragments.get(selection.name.value)
            if fragment is not None:
                target = walk.schema.get_type(fragment.type_condition.name.value)
                cost += _selections(walk, fragment.selection_set, target or parent, size)
    return cost


def _field(walk: Walk, node: FieldNode, parent: GraphQLNamedType, size: int | None) -> int:
    name = node.name.value
    if name.startswith("__") or not isinstance(parent, (GraphQLObjectType, GraphQLInterfaceType)):
        return 0  # __typename, introspection (refused in production), or a type validation already refused
    definition = parent.fields.get(name)
    if definition is None:
        return 0
    requested = _page_size(walk, node, definition)
    named = get_named_type(definition.type)
    if is_leaf_type(named) or node.selection_set is None:
        return 0
    if _is_list(definition):
        items = _first_known(requested, size, FANOUT.get(f"{parent.name}.{name}", DEFAULT_FANOUT))
        return items * (1 + _selections(walk, node.selection_set, named, None))
    return 1 + _selections(walk, node.selection_set, named, size if requested is None else requested)


def _first_known(*sizes: int | None) -> int:
    return next(size for size in sizes if size is not None)


def _page_size(walk: Walk, node: FieldNode, definition: GraphQLField) -> int | None:
    """The page size the field asks for (or its argument's default), checked against the ceiling."""
    for argument_name in PAGE_ARGUMENTS:
        if argument_name not in definition.args:
            continue
        value = _argument_value(walk, node, argument_name)
        if value is None:
            default = definition.args[argument_name].default_value
            value = default if isinstance(default, int) else DEFAULT_PAGE_SIZE
        if value > walk.max_page_size:
            raise ValidationFailed(
                f"{argument_name} must be at most {walk.max_page_size} (GATEWAY_MAX_PAGE_SIZE), got {value}",
                field=argument_name)
        return max(value, 0)
    return None


def _argument_value(walk: Walk, node: FieldNode, name: str) -> int | None:
    for argument in node.arguments or ():
        if argument.name.value != name:
            continue
        value = argument.value
        if isinstance(value, IntValueNode):
            return int(value.value)
        if isinstance(value, VariableNode):
            given = walk.variables.get(value.name.value)
            return given if isinstance(given, int) and not isinstance(given, bool) else None
    return None


def _is_list(definition: GraphQLField) -> bool:
    field_type = definition.type
    if isinstance(field_type, GraphQLNonNull):
        field_type = field_type.of_type
    return isinstance(field_type, GraphQLList)
