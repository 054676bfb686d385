"""Assembles Query, Mutation and Subscription from the domain modules and builds the Strawberry schema."""

from __future__ import annotations

import datetime
from typing import Any

import strawberry
from graphql import GraphQLOutputType, GraphQLResolveInfo
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import Path
from strawberry.extensions import SchemaExtension
from strawberry.extensions.runner import SchemaExtensionsRunner
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types import ExecutionContext

from gateway.access_log import OperationName
from gateway.errors import ErrorContract, apply_contract
from gateway.extension_runner import ExtensionsRunner
from gateway.security.audit import AuditTrail
from gateway.security.book_guard import guard
from gateway.security.limits import limit_extensions
from gateway.settings import Settings
from resolvers.audit_trail import AuditQuery
from resolvers.compiled.execute import CompiledReads, CompiledReadsExtension
from resolvers.compiled.payload import Precompleted
from resolvers.contact_routing import ContactRoutingMutation, ContactRoutingQuery
from resolvers.contact_routing.desktop import DesktopSubscription
from resolvers.context import PerOperationLoaders
from resolvers.customer_event_history import CustomerEventHistoryMutation, CustomerEventHistoryQuery
from resolvers.customer_relationship_management import (
    CustomerRelationshipManagementMutation,
    CustomerRelationshipManagementQuery,
)
from resolvers.customers import CustomerQuery
from resolvers.lead_and_opportunity_management import (
    LeadandOpportunityManagementMutation,
    LeadandOpportunityManagementQuery,
)
from resolvers.party_routing_profile import PartyRoutingProfileMutation, PartyRoutingProfileQuery
from resolvers.temporal import DATE_SCALAR, DATETIME_SCALAR


@strawberry.type(description="Reads across the five BIAN service domains; every field needs a bearer token.")
class Query(CustomerQuery, PartyRoutingProfileQuery, CustomerEventHistoryQuery, ContactRoutingQuery,
            LeadandOpportunityManagementQuery, CustomerRelationshipManagementQuery, AuditQuery):
    pass


@strawberry.type(description="Changes across the five BIAN service domains; each runs in one write transaction.")
class Mutation(PartyRoutingProfileMutation, CustomerEventHistoryMutation, ContactRoutingMutation,
               LeadandOpportunityManagementMutation, CustomerRelationshipManagementMutation):
    pass


@strawberry.type(description="Live changes over WebSocket (graphql-transport-ws); every field needs a bearer token.")
class Subscription(DesktopSubscription):
    pass


class GatewayExecution(StrawberryGraphQLCoreExecutionContext):
    """graphql-core's execution, which takes a Precompleted value (resolvers/compiled/payload.py: a
    mutation's read-back, compiled) as the field's completed value, with its errors."""

    def complete_value(self, return_type: GraphQLOutputType, field_details_list: FieldDetailsList,
                       info: GraphQLResolveInfo[Any], path: Path, result: Any, position_context: Any) -> Any:
        if isinstance(result, Precompleted):
            for error in result.errors:
                self.collected_errors.add(error, None)  # at its own path, under this field
            return result.data
        return super().complete_value(return_type, field_details_list, info, path, result, position_context)


class GatewaySchema(strawberry.Schema):
    def create_extensions_runner(self, execution_context: ExecutionContext,
                                 extensions: list[SchemaExtension]) -> SchemaExtensionsRunner:
        return ExtensionsRunner(execution_context=execution_context, extensions=extensions)

    def process_errors(self, errors: list[Any], execution_context: Any = None) -> None:
        """The error contract, in place, for errors of an exception that ended the operation early
        (e.g. raised while validating): Strawberry answers those after ErrorContract.on_operation
        has given up. apply_contract logs what is unexpected; expected errors need no stack trace."""
        document = getattr(execution_context, "graphql_document", None)
        errors[:] = [apply_contract(error, document) for error in errors]



def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    """The schema with the abuse limits of `settings` (gateway/security/limits.py); without settings, the
    defaults of gateway/settings.py, i.e. production limits: introspection off."""
    limits = limit_extensions(settings or Settings())
    reads: list[CompiledReads] = []  # made once the schema is: the compiled operations' cache lives with it
    schema = GatewaySchema(query=Query, mutation=Mutation, subscription=Subscription,
                           execution_context_class=GatewayExecution,
                           # DateTime and Date arguments refused outside the range Neo4j and Python hold.
                           scalar_overrides={datetime.datetime: DATETIME_SCALAR, datetime.date: DATE_SCALAR},
                           extensions=[
        AuditTrail,  # listed first, so it leaves last and sees the errors as the client will
        ErrorContract, PerOperationLoaders, OperationName,
        *limits,
        # Last: it runs once the limits have let the operation through (resolvers/compiled/execute.py).
        lambda: CompiledReadsExtension(reads[0]),
    ])
    guard(schema._schema)  # the book rule on every customer-bearing type (gateway/security/book_guard.py)
    reads.append(CompiledReads(schema._schema))
    return schema


def export_sdl() -> str:
    return build_schema().as_str() + "\n"


if __name__ == "__main__":
    print(export_sdl(), end="")
