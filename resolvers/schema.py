"""Assembles Query and Mutation from the domain modules and builds the Strawberry schema."""

from __future__ import annotations

from typing import Any

import strawberry

from resolvers.context import PerOperationLoaders
from resolvers.customers import CustomerQuery
from resolvers.errors import ErrorContract
from resolvers.party_routing_profile import PartyRoutingProfileMutation, PartyRoutingProfileQuery


@strawberry.type(description="Reads across the five BIAN service domains; every field needs a bearer token.")
class Query(CustomerQuery, PartyRoutingProfileQuery):
    pass


@strawberry.type(description="Changes across the five BIAN service domains; each runs in one write transaction.")
class Mutation(PartyRoutingProfileMutation):
    pass


class GatewaySchema(strawberry.Schema):
    def process_errors(self, errors: list[Any], execution_context: Any = None) -> None:
        """ErrorContract logs what is unexpected; expected errors are not worth a stack trace."""


def build_schema() -> strawberry.Schema:
    return GatewaySchema(query=Query, mutation=Mutation, extensions=[ErrorContract, PerOperationLoaders])


def export_sdl() -> str:
    return build_schema().as_str() + "\n"


if __name__ == "__main__":
    print(export_sdl(), end="")
