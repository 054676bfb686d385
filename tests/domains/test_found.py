"""The one get-or-NOT_FOUND rule (domains/found.py): its wording names the object, key and field."""

from __future__ import annotations

import pytest

from domains.found import found, present, unknown
from graph.errors import NotFound


def test_the_first_row_is_returned_when_there_is_one() -> None:
    assert found([{"id": "P1"}, {"id": "P2"}], "servicing pool", "P1", "poolId") == {"id": "P1"}
    assert present(0, "skill", "FX", "skills", by="code") == 0  # falsy but present


def test_nothing_found_is_not_found_naming_the_field() -> None:
    with pytest.raises(NotFound) as raised:
        found([], "servicing pool", "P9", "input.poolId")
    assert raised.value.message == "no servicing pool has the id P9"
    assert raised.value.extensions() == {"code": "NOT_FOUND", "field": "input.poolId"}
    with pytest.raises(NotFound, match="no skill has the code FX"):
        present(None, "skill", "FX", "input.skills", by="code")
    assert unknown("lead", "L1", "leadId").field == "leadId"


def test_an_object_missing_from_its_owner_names_the_owner() -> None:
    error = unknown("incident", "I9", "input.incidentId", owner="relationship plan P1")
    assert error.message == "relationship plan P1 has no incident with the id I9"
    assert error.extensions() == {"code": "NOT_FOUND", "field": "input.incidentId"}
