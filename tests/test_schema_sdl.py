"""schema.graphql is the exported SDL, and everything in it is described."""

from __future__ import annotations

from pathlib import Path

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLScalarType,
    build_schema,
)

from resolvers.schema import export_sdl

SDL_FILE = Path(__file__).resolve().parent.parent / "schema.graphql"
BUILT_IN_SCALARS = {"String", "Int", "Float", "Boolean", "ID"}


def test_schema_graphql_is_up_to_date() -> None:
    assert SDL_FILE.read_text() == export_sdl(), "schema.graphql is stale: run `make schema` and commit it"


def undescribed() -> list[str]:
    schema = build_schema(export_sdl())
    missing = []
    for name, kind in schema.type_map.items():
        if name.startswith("__") or name in BUILT_IN_SCALARS:
            continue
        if not kind.description:
            missing.append(name)
        if isinstance(kind, (GraphQLObjectType, GraphQLInterfaceType)):
            for field_name, field in kind.fields.items():
                missing += [f"{name}.{field_name}"] * (not field.description)
                missing += [f"{name}.{field_name}({a})" for a, arg in field.args.items() if not arg.description]
        elif isinstance(kind, GraphQLInputObjectType):
            missing += [f"{name}.{f}" for f, field in kind.fields.items() if not field.description]
        elif isinstance(kind, GraphQLEnumType):
            missing += [f"{name}.{v}" for v, value in kind.values.items() if not value.description]
        elif not isinstance(kind, GraphQLScalarType):
            missing.append(f"{name} (unexpected kind)")
    return missing


def test_every_type_field_argument_and_enum_value_has_a_description() -> None:
    assert undescribed() == []
