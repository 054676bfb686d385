"""What a query selects below the field being resolved, so a resolver can skip work nobody asked for."""

from __future__ import annotations

from collections.abc import Iterable

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from resolvers.context import Info


def selects(info: Info, *path: str) -> bool:
    """Whether the query selects the field at `path` (GraphQL names) below the field being resolved,
    through fragments and aliases too; e.g. selects(info, "routing", "rejected")."""
    return any(_selects(field.selections, path) for field in info.selected_fields)


def _selects(selections: Iterable[Selection], path: tuple[str, ...]) -> bool:
    if not path:
        return True
    for selection in selections:
        if isinstance(selection, FragmentSpread | InlineFragment):
            if _selects(selection.selections, path):
                return True
        elif isinstance(selection, SelectedField) and selection.name == path[0]:
            if _selects(selection.selections, path[1:]):
                return True
    return False
