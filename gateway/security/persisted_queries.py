"""Persisted queries: the automatic-persisted-queries (APQ) protocol and a registry of operations.

A request may carry `extensions: {"persistedQuery": {"version": 1, "sha256Hash": "<hex>"}}`:
- with `query` too: the hash must be sha256(query); the document is remembered and executed;
- without `query`: the remembered (or registered) document with that hash is executed, or the
  client is told `PersistedQueryNotFound` and retries with the query (what APQ clients do).

Remembered documents live in a bounded in-memory LRU (per process: after a restart or on another
replica a client simply retries with the query). Registered operations come from a JSON file
`{sha256: query}` loaded at start and never evicted. In registered-only mode the gateway runs
nothing else: no plain documents, no APQ registration, so a stolen token cannot run ad-hoc queries.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from gateway.settings import Settings, SettingsError
from graph.lru import Lru

SHA256_HEX = re.compile(r"[0-9a-f]{64}")


class PersistedQueryError(Exception):
    """A persisted-query request the gateway will not run; `code` is the client-visible extensions.code."""

    def __init__(self, message: str, code: str, status: int) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        # The HTTP status for clients that accept application/graphql-response+json; legacy
        # application/json clients get 200 for the retry signals (see GatewayGraphQL).
        self.status = status


def not_found() -> PersistedQueryError:
    # The exact message and code APQ clients (Apollo, urql, graphql-request) look for to retry with the query.
    return PersistedQueryError("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND", 400)


def sha256_of(query: str) -> str:
    return hashlib.sha256(query.encode("utf-8")).hexdigest()


def load_registry(path: Path) -> dict[str, str]:
    """The registered operations of a JSON file {sha256: query}; every hash is checked here, at start."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SettingsError(f"GATEWAY_PERSISTED_QUERIES_FILE {path} cannot be read: {error.strerror}") from None
    except ValueError as error:
        raise SettingsError(f"GATEWAY_PERSISTED_QUERIES_FILE {path} is not JSON: {error}") from None
    if not isinstance(raw, dict):
        raise SettingsError(f"GATEWAY_PERSISTED_QUERIES_FILE {path} must hold a JSON object {{sha256: query}}")
    registry: dict[str, str] = {}
    for digest, query in raw.items():
        if not isinstance(query, str) or not query.strip():
            raise SettingsError(f"GATEWAY_PERSISTED_QUERIES_FILE {path}: the entry {digest!r} is not a query string")
        if digest.lower() != sha256_of(query):
            raise SettingsError(
                f"GATEWAY_PERSISTED_QUERIES_FILE {path}: {digest!r} is not the sha256 of its query "
                f"(expected {sha256_of(query)})")
        registry[digest.lower()] = query
    return registry


class PersistedQueries:
    """Resolves the document of one request under the APQ protocol and the registered-only policy."""

    def __init__(self, registered: dict[str, str], capacity: int, registered_only: bool) -> None:
        self.registered = registered
        self.registered_only = registered_only
        self._remembered: Lru[str, str] = Lru(capacity)

    @classmethod
    def from_settings(cls, settings: Settings) -> PersistedQueries:
        path = settings.persisted_queries_file
        registered = load_registry(path) if path is not None else {}
        return cls(registered, settings.persisted_queries_cache_size, settings.persisted_queries_only)

    def __len__(self) -> int:
        return len(self._remembered)

    def resolve(self, query: str | None, extensions: dict[str, Any] | None) -> str | None:
        """The document to execute, or PersistedQueryError. A None query is left to the view's own 400."""
        persisted = (extensions or {}).get("persistedQuery")
        if persisted is None:
            if self.registered_only and query is not None:
                raise PersistedQueryError(
                    "this gateway runs registered operations only: send extensions.persistedQuery "
                    "with the sha256Hash of a registered operation", "PERSISTED_QUERY_NOT_SUPPORTED", 403)
            return query
        digest = _requested_hash(persisted)
        if digest in self.registered:
            if query is not None and sha256_of(query) != digest:
                raise _mismatch()
            return self.registered[digest]
        if self.registered_only:
            raise PersistedQueryError(
                f"this gateway runs registered operations only, and {digest} is not registered",
                "PERSISTED_QUERY_NOT_SUPPORTED", 403)
        if query is None:
            remembered = self._remembered.get(digest)
            if remembered is None:
                raise not_found()
            return remembered
        if sha256_of(query) != digest:
            raise _mismatch()
        self._remembered.put(digest, query)
        return query


def _requested_hash(persisted: object) -> str:
    if not isinstance(persisted, dict):
        raise PersistedQueryError("extensions.persistedQuery must be an object {version, sha256Hash}",
                                  "VALIDATION", 400)
    if persisted.get("version") != 1:
        raise PersistedQueryError("extensions.persistedQuery.version must be 1", "VALIDATION", 400)
    digest = persisted.get("sha256Hash")
    if not isinstance(digest, str) or not SHA256_HEX.fullmatch(digest.lower()):
        raise PersistedQueryError("extensions.persistedQuery.sha256Hash must be 64 hexadecimal characters",
                                  "VALIDATION", 400)
    return digest.lower()


def _mismatch() -> PersistedQueryError:
    return PersistedQueryError("extensions.persistedQuery.sha256Hash is not the sha256 of the query",
                               "VALIDATION", 400)
