"""A domain's plain Enum shown in GraphQL with descriptions of the type and of each member.

The rules in domains/ work with plain Enums (no Strawberry there); the schema wraps the very same
class, so a value a rule returns is the value a resolver shows, with no conversion between two enums.
"""

from __future__ import annotations

import enum
from typing import TypeVar

import strawberry

E = TypeVar("E", bound=enum.Enum)


def described_enum(cls: type[E], description: str, members: dict[str, str]) -> type[E]:
    """Registers `cls` with Strawberry; `members` gives every member's description, by name."""
    if set(members) != {member.name for member in cls}:
        raise TypeError(f"describe every member of {cls.__name__}, and only those")
    # A type that used the enum first has had Strawberry wrap it already: describe that one definition
    # in place (the schema is built later), so the schema never meets two definitions of it.
    if not hasattr(cls, "__strawberry_definition__"):
        strawberry.enum(cls)
    definition = cls.__strawberry_definition__  # type: ignore[attr-defined]
    definition.description = description
    for value in definition.values:
        value.description = members[value.name]
    return cls
