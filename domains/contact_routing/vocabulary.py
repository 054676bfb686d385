"""Contact Routing's codes as plain values, and the checks its inputs share.

The codes are those stored in the graph; resolvers/contact_routing/vocabulary.py holds the
GraphQL enums (with each member's description) that carry the same names.
"""

from __future__ import annotations

import enum
import re
from collections import Counter
from collections.abc import Iterable
from typing import Final, TypeVar

from domains.found import unknown
from graph.database import Transaction
from graph.errors import ValidationFailed
from graph.queries import load

UNKNOWN_REFERENCES = load("contact_routing/unknown_references")

T = TypeVar("T")

RELATIONSHIP_MANAGER = "RELATIONSHIP_MANAGER"
LANGUAGE = re.compile(r"[a-z]{2}")
PROFICIENCIES = range(1, 6)


class Omitted(enum.Enum):
    """A field a change leaves out, so it keeps its value (GraphQL's unset input field)."""

    OMITTED = "omitted"


OMITTED: Final = Omitted.OMITTED


def once_each(values: Iterable[str], field: str, what: str) -> None:
    """VALIDATION naming the values given more than once."""
    repeated = sorted(value for value, count in Counter(values).items() if count > 1)
    if repeated:
        raise ValidationFailed(f"each {what} may be given once; repeated: {', '.join(repeated)}", field=field)


def in_range(value: int, allowed: range, field: str) -> int:
    if value not in allowed:
        raise ValidationFailed(f"{field} must be between {allowed.start} and {allowed.stop - 1}, not {value}", field=field)
    return value


def not_null(value: T | None, field: str) -> T:
    """`value`, or VALIDATION when a change gives null for a field that cannot be cleared."""
    if value is None:
        raise ValidationFailed(f"{field} cannot be null; give a value or leave it out", field=field)
    return value


async def check_references(tx: Transaction, skill_codes: list[str], pool_ids: list[str], argument: str) -> None:
    """NOT_FOUND naming the skills and pools that do not exist (read in the transaction that links them)."""
    if not skill_codes and not pool_ids:
        return
    [found] = await tx.run(UNKNOWN_REFERENCES, skillCodes=skill_codes, poolIds=pool_ids)
    if found["unknownSkills"]:
        raise unknown("skill", ", ".join(found["unknownSkills"]), f"{argument}.skills", by="code")
    if found["unknownPools"]:
        raise unknown("servicing pool", ", ".join(found["unknownPools"]), f"{argument}.pools")
