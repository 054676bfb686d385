"""Strawberry's schema-extension runner, with each extension class's hooks looked up once.

Per request Strawberry makes a context manager for each stage (operation, parsing, validation,
execution) and, in it, inspects every extension's hook for the stage and wraps it anew
(`inspect.isasyncgenfunction`, `contextlib.asynccontextmanager`, `functools.wraps`): about 50
wrappings a request for the gateway's dozen extensions, a seventh of what `{ __typename }` cost in
process. The wrapping depends only on the extension's class, so it is done once per class here and
only bound to the request's extension instance; what runs, and in which order, is Strawberry's own
(strawberry/extensions/context.py, ExtensionContextManagerBase).
"""

from __future__ import annotations

import contextlib
import functools
import inspect
from collections.abc import Callable

from strawberry.extensions import SchemaExtension
from strawberry.extensions.context import (
    ExecutingContextManager,
    ExtensionContextManagerBase,
    OperationContextManager,
    ParsingContextManager,
    ValidationContextManager,
    WrappedHook,
)
from strawberry.extensions.runner import SchemaExtensionsRunner

Binder = Callable[[SchemaExtension], WrappedHook]
# (extension class, hook name) -> how to bind the class's hook to an instance; None: no hook.
_BINDERS: dict[tuple[type[SchemaExtension], str], Binder | None] = {}


def _binder(cls: type[SchemaExtension], hook_name: str) -> Binder | None:
    """What ExtensionContextManagerBase.get_hook does for each instance, done once for `cls`."""
    hook = getattr(cls, hook_name)
    if hook is getattr(SchemaExtension, hook_name):
        return None
    if inspect.isgeneratorfunction(hook):
        sync_manager = contextlib.contextmanager(hook)
        return lambda extension: WrappedHook(extension, functools.partial(sync_manager, extension), False)
    if inspect.isasyncgenfunction(hook):
        async_manager = contextlib.asynccontextmanager(hook)
        return lambda extension: WrappedHook(extension, functools.partial(async_manager, extension), True)
    # A plain function or coroutine hook: Strawberry's own wrapping, per instance (the gateway has none).
    return lambda extension: ExtensionContextManagerBase.from_callable(extension, hook)


class _KnownHooks(ExtensionContextManagerBase):
    def get_hook(self, extension: SchemaExtension) -> WrappedHook | None:
        key = (type(extension), self.HOOK_NAME)
        if key not in _BINDERS:
            _BINDERS[key] = _binder(*key)
        bind = _BINDERS[key]
        return None if bind is None else bind(extension)


class _Operation(_KnownHooks, OperationContextManager):
    pass


class _Validation(_KnownHooks, ValidationContextManager):
    pass


class _Parsing(_KnownHooks, ParsingContextManager):
    pass


class _Executing(_KnownHooks, ExecutingContextManager):
    pass


class ExtensionsRunner(SchemaExtensionsRunner):
    """SchemaExtensionsRunner whose stages bind hooks looked up once per extension class."""

    def operation(self) -> OperationContextManager:
        return _Operation(self.extensions)

    def validation(self) -> ValidationContextManager:
        return _Validation(self.extensions)

    def parsing(self) -> ParsingContextManager:
        return _Parsing(self.extensions)

    def executing(self) -> ExecutingContextManager:
        return _Executing(self.extensions)
