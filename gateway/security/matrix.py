"""The role matrix: which roles may use each root field, read from the built schema itself.

Every Query, Mutation and Subscription field declares its roles with `extensions=allow(...)`
(gateway/security/auth.py); this module walks the schema and reads those declarations back, so the
documented matrix cannot drift from what the gateway enforces. Fields inside types that code
restricts further (confidential indicators, alert narratives, plan narratives, names in
suggestions) are listed as rows too, with the role set the code checks.

`python -m gateway.security.matrix` prints the Markdown table docs/security.md embeds between
its matrix markers; tests/gateway/security/test_authorization_matrix.py fails when the two differ.
"""

from __future__ import annotations

from dataclasses import dataclass

import strawberry
from strawberry.permission import PermissionExtension
from strawberry.types.base import StrawberryObjectDefinition

from domains.customer_relationship_management.access import NARRATIVE_READERS
from domains.customer_relationship_management.matching import NAME_READERS
from gateway.security.auth import CONFIDENTIAL_READERS, Role, RolesAllowed

ROOTS = ("Query", "Mutation", "Subscription")
ROLE_ORDER = (Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ANALYST, Role.ADMIN)
START_MARKER = "<!-- matrix:start -->"
END_MARKER = "<!-- matrix:end -->"


@dataclass(frozen=True)
class Row:
    """One operation or field and the roles that may use it; `roles` None: the field declares none."""

    kind: str
    name: str
    roles: frozenset[Role] | None
    note: str = ""


# Fields whose value depends on the role inside an allowed operation; the role sets are the
# ones the resolvers check, imported so this list moves with them.
SENSITIVE_FIELDS: tuple[Row, ...] = (
    Row("field", "PartyRoutingProfile / PartyState indicators of a confidential type (e.g. POSSIBLE_FRAUD)",
        CONFIDENTIAL_READERS, "left out for other roles"),
    Row("field", "BusinessLimitationAlert narrative and confidential alerts", CONFIDENTIAL_READERS,
        "left out or null for other roles"),
    Row("field", "Customer events of category FRAUD (logs, timelines, analytics, changes)", CONFIDENTIAL_READERS,
        "left out for other roles; asking for FRAUD explicitly is FORBIDDEN"),
    Row("field", "Lead evaluation sales blocks from confidential indicators", CONFIDENTIAL_READERS,
        "named generically for other roles"),
    Row("field", "RelationshipPlan insight, development task description/result, incident description/resolution, "
        "contact content/result", NARRATIVE_READERS, "null for other roles"),
    Row("field", "ProductSuggestion holder names", NAME_READERS, "null for other roles"),
)


def _roles_of(field: object) -> frozenset[Role] | None:
    """The union of the RolesAllowed declared on a field; None when it declares no allow()."""
    found: set[Role] | None = None
    for extension in getattr(field, "extensions", None) or []:
        if isinstance(extension, PermissionExtension):
            for permission in extension.permissions:
                if isinstance(permission, RolesAllowed):
                    found = (found or set()) | set(permission.roles)
    return frozenset(found) if found is not None else None


def root_fields(schema: strawberry.Schema) -> list[Row]:
    """Every Query, Mutation and Subscription field with the roles it declares, in schema order."""
    rows: list[Row] = []
    for root in ROOTS:
        definition = schema.get_type_by_name(root)
        if not isinstance(definition, StrawberryObjectDefinition):
            continue
        for field in definition.fields:
            name = schema.config.name_converter.get_graphql_name(field)
            rows.append(Row(root, name, _roles_of(field)))
    return rows


def restricted_type_fields(schema: strawberry.Schema) -> list[Row]:
    """Fields inside (non-root) object types that declare their own allow()."""
    rows: list[Row] = []
    definitions = [t.definition for t in schema.schema_converter.type_map.values()]
    objects = [d for d in definitions if isinstance(d, StrawberryObjectDefinition) and d.name not in ROOTS]
    for definition in sorted(objects, key=lambda d: d.name):
        for field in definition.fields:
            roles = _roles_of(field)
            if roles is not None:
                name = schema.config.name_converter.get_graphql_name(field)
                rows.append(Row("field", f"{definition.name}.{name}", roles, "FORBIDDEN for other roles"))
    return rows


def matrix(schema: strawberry.Schema) -> list[Row]:
    return [*root_fields(schema), *restricted_type_fields(schema), *SENSITIVE_FIELDS]


def markdown(rows: list[Row]) -> str:
    """The matrix as a Markdown table: one row per operation or field, one column per role."""
    header = ["Kind", "Operation or field", *(role.value for role in ROLE_ORDER), "Note"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        marks = ["yes" if row.roles is not None and role in row.roles else "-" for role in ROLE_ORDER]
        note = row.note if row.roles is not None else "NO allow(): declare the roles"
        lines.append("| " + " | ".join([row.kind, f"`{row.name}`" if row.kind in ROOTS else row.name,
                                        *marks, note]) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    from resolvers.schema import build_schema

    print(markdown(matrix(build_schema())), end="")


if __name__ == "__main__":
    main()
