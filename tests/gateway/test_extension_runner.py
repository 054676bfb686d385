"""gateway/extension_runner.py binds the same hooks, in the same order, as Strawberry's own runner, for
every extension of the gateway's schema, and they run as Strawberry's do."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from strawberry.extensions import SchemaExtension
from strawberry.extensions.runner import SchemaExtensionsRunner
from strawberry.types import ExecutionContext

from gateway.extension_runner import ExtensionsRunner
from gateway.settings import Settings
from resolvers.schema import build_schema

STAGES = ("operation", "validation", "parsing", "executing")


@pytest.mark.parametrize("production", [False, True])
def test_each_stage_binds_what_strawberry_binds(production: bool) -> None:
    schema = build_schema(Settings(dev_mode=not production, jwt_secret="s" * 40))
    extensions = schema.get_extensions()
    context = ExecutionContext(query="{ __typename }", schema=schema, allowed_operations=())
    ours, theirs = ExtensionsRunner(context, extensions), SchemaExtensionsRunner(context, extensions)
    assert isinstance(schema.create_extensions_runner(context, extensions), ExtensionsRunner)
    for stage in STAGES:
        bound = [(hook.extension, hook.is_async) for hook in getattr(ours, stage)().hooks]
        assert bound == [(hook.extension, hook.is_async) for hook in getattr(theirs, stage)().hooks], stage
        assert bound, f"no extension of the gateway hooks {stage}"


class Recording(SchemaExtension):
    def __init__(self, log: list[str]) -> None:
        self.log = log

    def on_parse(self) -> Iterator[None]:
        self.log.append("parse:enter")
        yield
        self.log.append("parse:exit")

    async def on_execute(self) -> AsyncIterator[None]:
        self.log.append("execute:enter")
        yield
        self.log.append("execute:exit")

    async def on_validate(self) -> None:  # a plain coroutine: Strawberry's own wrapping
        self.log.append("validate")


async def test_bound_hooks_run_around_their_stage_for_each_instance() -> None:
    first: list[str] = []
    second: list[str] = []
    context = ExecutionContext(query="{ __typename }", schema=build_schema(), allowed_operations=())
    for log in (first, second):  # the second instance of a class already seen binds to itself
        runner = ExtensionsRunner(context, [Recording(log)])
        with runner.parsing():
            log.append("parsing")
        async with runner.validation():
            pass
        async with runner.executing():
            log.append("executing")
    assert first == second == ["parse:enter", "parsing", "parse:exit", "validate",
                               "execute:enter", "executing", "execute:exit"]
