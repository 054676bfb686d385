"""Settings from the environment. Every variable is listed in the README's table."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from gateway.security.jwks import SUPPORTED_ALGORITHMS, JwksError, accepted_algorithms, load_jwks
from graph.tls import TlsSettingsError, check_trusted_ca

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class SettingsError(ValueError):
    """An environment variable holds a value the gateway cannot use."""


@dataclass(frozen=True)
class Settings:
    """How the gateway reaches Neo4j and serves GraphQL.

    `neo4j_uri` is None when no NEO4J_URI is given: the caller then provisions a local
    Neo4j (graph/local_neo4j.py) and passes its URI with `with_neo4j`.
    """

    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str = field(default="", repr=False)
    neo4j_database: str = "neo4j"
    # The private CA a bolt+s:// or neo4j+s:// NEO4J_URI trusts instead of the system's (graph/tls.py).
    neo4j_trusted_ca_file: Path | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    dev_mode: bool = False
    # Registered operations only: refuse every document that is not in GATEWAY_PERSISTED_QUERIES_FILE.
    persisted_queries_only: bool = False
    # A JSON file {sha256: query} of registered operations, loaded (and its hashes checked) at start.
    persisted_queries_file: Path | None = None
    # How many automatic persisted queries (APQ) each process remembers; 0 remembers none.
    persisted_queries_cache_size: int = 1000
    jwt_secret: str = field(default="", repr=False)
    jwt_issuer: str | None = None
    jwt_audience: str | None = None
    # RS256 keys: a JSON Web Key Set file; a token's `kid` header picks the key.
    jwt_jwks_file: Path | None = None
    # Accepted token algorithms; empty means what the key sources can verify (gateway/security/jwks.py).
    jwt_algorithms: tuple[str, ...] = ()
    # Clock skew allowed on exp/nbf/iat between the identity provider and this gateway.
    jwt_leeway_seconds: float = 30.0
    connect_timeout: float = 30.0
    retry_seconds: float = 5.0
    # How far in the future an event may be dated: clocks of feeding systems drift.
    event_future_tolerance_seconds: float = 300.0
    # How often the live routing feed (subscriptions) polls Neo4j for changes, while anyone subscribes.
    routing_feed_interval: float = 0.5
    # How often the dispatcher withdraws lapsed offers and serves the queue; 0 turns it off (tests
    # drive it by hand; with several gateways one dispatching is enough, though more are safe).
    dispatch_interval: float = 1.0
    local_bolt_port: int = 7687
    local_http_port: int = 7474
    local_data_dir: Path = PROJECT_ROOT / ".cache" / "neo4j" / "run"
    local_heap: str = "1g"
    local_pagecache: str = "512m"
    # Development mode's token secret, made once and kept here so tokens survive restarts.
    development_secret_file: Path = PROJECT_ROOT / ".cache" / "development-jwt-secret"
    log_level: str = "INFO"
    # Abuse limits (docs/security.md "Abuse limits"): each refuses a request before any resolver runs.
    max_query_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 2000
    max_operations: int = 5  # operation definitions in one document (only the named one runs)
    max_query_cost: int = 5000  # estimated rows a query may fan out to (gateway/security/query_cost.py)
    max_page_size: int = 200  # a ceiling over every `first`/`limit`, on top of each field's own range
    max_body_bytes: int = 1024 * 1024
    neo4j_transaction_timeout: float = 30.0  # per transaction of a client request
    rate_limit_per_minute: int = 600  # per principal; 0 turns rate limiting off
    # Introspection and "Did you mean ...?" suggestions off; None: on unless dev_mode.
    production: bool | None = None
    # Queries over the Customer graph answered by one compiled Cypher statement (resolvers/compiled/);
    # off: every field through its resolver (the compiled path's oracle, and a way out in production).
    compiled_reads: bool = True

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        get = env.get
        return cls(
            neo4j_uri=get("NEO4J_URI") or None,
            neo4j_user=get("NEO4J_USER", cls.neo4j_user),
            neo4j_password=get("NEO4J_PASSWORD", cls.neo4j_password),
            neo4j_database=get("NEO4J_DATABASE", cls.neo4j_database),
            neo4j_trusted_ca_file=Path(env["NEO4J_TRUSTED_CA_FILE"]) if get("NEO4J_TRUSTED_CA_FILE") else None,
            host=get("GATEWAY_HOST", cls.host),
            port=_int(env, "GATEWAY_PORT", cls.port),
            dev_mode=_bool(env, "GATEWAY_DEV_MODE"),
            persisted_queries_only=_bool(env, "GATEWAY_PERSISTED_QUERIES_ONLY"),
            persisted_queries_file=Path(env["GATEWAY_PERSISTED_QUERIES_FILE"]) if get("GATEWAY_PERSISTED_QUERIES_FILE") else None,
            persisted_queries_cache_size=_int(env, "GATEWAY_PERSISTED_QUERIES_CACHE_SIZE", cls.persisted_queries_cache_size),
            jwt_secret=get("GATEWAY_JWT_SECRET", cls.jwt_secret),
            jwt_issuer=get("GATEWAY_JWT_ISSUER") or None,
            jwt_audience=get("GATEWAY_JWT_AUDIENCE") or None,
            jwt_jwks_file=Path(env["GATEWAY_JWT_JWKS_FILE"]) if get("GATEWAY_JWT_JWKS_FILE") else None,
            jwt_algorithms=tuple(name.strip() for name in get("GATEWAY_JWT_ALGORITHMS", "").split(",") if name.strip()),
            jwt_leeway_seconds=_float(env, "GATEWAY_JWT_LEEWAY_SECONDS", cls.jwt_leeway_seconds),
            connect_timeout=_float(env, "NEO4J_CONNECT_TIMEOUT", cls.connect_timeout),
            retry_seconds=_float(env, "NEO4J_RETRY_SECONDS", cls.retry_seconds),
            event_future_tolerance_seconds=_float(env, "EVENT_FUTURE_TOLERANCE_SECONDS", cls.event_future_tolerance_seconds),
            routing_feed_interval=_float(env, "ROUTING_FEED_INTERVAL_SECONDS", cls.routing_feed_interval),
            dispatch_interval=_float(env, "ROUTING_DISPATCH_INTERVAL_SECONDS", cls.dispatch_interval),
            local_bolt_port=_int(env, "LOCAL_NEO4J_BOLT_PORT", cls.local_bolt_port),
            local_http_port=_int(env, "LOCAL_NEO4J_HTTP_PORT", cls.local_http_port),
            local_data_dir=Path(get("LOCAL_NEO4J_DATA_DIR", str(cls.local_data_dir))),
            local_heap=get("LOCAL_NEO4J_HEAP", cls.local_heap),
            local_pagecache=get("LOCAL_NEO4J_PAGECACHE", cls.local_pagecache),
            development_secret_file=Path(get("GATEWAY_DEV_SECRET_FILE", str(cls.development_secret_file))),
            log_level=get("GATEWAY_LOG_LEVEL", cls.log_level).upper(),
            max_query_depth=_int(env, "GATEWAY_MAX_QUERY_DEPTH", cls.max_query_depth),
            max_aliases=_int(env, "GATEWAY_MAX_ALIASES", cls.max_aliases),
            max_tokens=_int(env, "GATEWAY_MAX_TOKENS", cls.max_tokens),
            max_operations=_int(env, "GATEWAY_MAX_OPERATIONS", cls.max_operations),
            max_query_cost=_int(env, "GATEWAY_MAX_QUERY_COST", cls.max_query_cost),
            max_page_size=_int(env, "GATEWAY_MAX_PAGE_SIZE", cls.max_page_size),
            max_body_bytes=_int(env, "GATEWAY_MAX_BODY_BYTES", cls.max_body_bytes),
            neo4j_transaction_timeout=_float(env, "GATEWAY_NEO4J_TRANSACTION_TIMEOUT_SECONDS", cls.neo4j_transaction_timeout),
            rate_limit_per_minute=_int(env, "GATEWAY_RATE_LIMIT_PER_MINUTE", cls.rate_limit_per_minute),
            production=_bool(env, "GATEWAY_PRODUCTION") if get("GATEWAY_PRODUCTION") else None,
            compiled_reads=_bool(env, "GATEWAY_COMPILED_READS") if get("GATEWAY_COMPILED_READS") else cls.compiled_reads,
        )

    def with_neo4j(self, uri: str, user: str = "neo4j", password: str = "") -> Settings:
        """A copy pointing at another Neo4j, e.g. the one the project started itself."""
        return replace(self, neo4j_uri=uri, neo4j_user=user, neo4j_password=password)

    def _check_credentials(self) -> None:
        """Tokens must be verifiable (a strong secret or RSA keys, no other algorithm) and no credential
        may sit where an error message would show it."""
        if self.jwt_jwks_file is not None:
            try:
                load_jwks(self.jwt_jwks_file)
            except JwksError as error:
                raise SettingsError(str(error)) from None
        weak_secret = bool(self.jwt_secret) and len(self.jwt_secret) < 32
        no_key = not self.jwt_secret and self.jwt_jwks_file is None
        if not self.dev_mode and (weak_secret or no_key):
            raise SettingsError(
                "GATEWAY_JWT_SECRET must be set to at least 32 characters, or GATEWAY_JWT_JWKS_FILE to a JWK Set "
                "of RSA keys (or set GATEWAY_DEV_MODE=1 for local development)"
            )
        for name in accepted_algorithms(self.jwt_algorithms, self.jwt_secret, self.jwt_jwks_file):
            if name not in SUPPORTED_ALGORITHMS:
                raise SettingsError(
                    f"GATEWAY_JWT_ALGORITHMS may only name {', '.join(SUPPORTED_ALGORITHMS)}, got {name!r}")
            if name == "RS256" and self.jwt_jwks_file is None:
                raise SettingsError("GATEWAY_JWT_ALGORITHMS accepts RS256 but GATEWAY_JWT_JWKS_FILE is not set")
            if name == "HS256" and not self.jwt_secret and not self.dev_mode:
                raise SettingsError("GATEWAY_JWT_ALGORITHMS accepts HS256 but GATEWAY_JWT_SECRET is not set")
        if not 0 <= self.jwt_leeway_seconds <= 300:
            raise SettingsError(
                f"GATEWAY_JWT_LEEWAY_SECONDS must be between 0 and 300, got {self.jwt_leeway_seconds:g}")
        if self.neo4j_uri and "@" in self.neo4j_uri.partition("://")[2].partition("/")[0]:
            # The driver's own error would echo the URI, password included.
            raise SettingsError("NEO4J_URI must not carry credentials (user:password@); "
                                "set NEO4J_USER and NEO4J_PASSWORD instead")

    def check(self) -> None:
        """Refuse settings that would run an insecure or unreachable gateway."""
        self._check_credentials()
        try:
            check_trusted_ca(self.neo4j_uri, self.neo4j_trusted_ca_file)
        except TlsSettingsError as error:
            raise SettingsError(str(error)) from None
        if self.dev_mode and self.host not in ("127.0.0.1", "localhost", "::1"):
            raise SettingsError(
                f"GATEWAY_DEV_MODE serves tokenless requests, so it only binds to loopback; "
                f"GATEWAY_HOST is {self.host!r}"
            )
        if not 0.05 <= self.routing_feed_interval <= 60:
            raise SettingsError(
                f"ROUTING_FEED_INTERVAL_SECONDS must be between 0.05 and 60, got {self.routing_feed_interval}")
        if self.dispatch_interval != 0 and not 0.1 <= self.dispatch_interval <= 60:
            raise SettingsError(
                f"ROUTING_DISPATCH_INTERVAL_SECONDS must be 0 (off) or between 0.1 and 60, got {self.dispatch_interval}")
        if self.persisted_queries_only and self.persisted_queries_file is None:
            # Registered-only with no registry would refuse every request.
            raise SettingsError("GATEWAY_PERSISTED_QUERIES_ONLY needs GATEWAY_PERSISTED_QUERIES_FILE (the registered operations)")
        if not 0 <= self.persisted_queries_cache_size <= 100_000:
            raise SettingsError("GATEWAY_PERSISTED_QUERIES_CACHE_SIZE must be between 0 and 100000, "
                                f"got {self.persisted_queries_cache_size}")
        self._check_limits()

    @property
    def production_mode(self) -> bool:
        """Production hides the schema (introspection, suggestions); by default whenever dev_mode is off."""
        return not self.dev_mode if self.production is None else self.production

    def _check_limits(self) -> None:
        # A zero or negative limit would refuse everything or, worse, be read as "no limit".
        positive = {"GATEWAY_MAX_QUERY_DEPTH": self.max_query_depth, "GATEWAY_MAX_ALIASES": self.max_aliases,
                    "GATEWAY_MAX_TOKENS": self.max_tokens, "GATEWAY_MAX_OPERATIONS": self.max_operations,
                    "GATEWAY_MAX_QUERY_COST": self.max_query_cost, "GATEWAY_MAX_PAGE_SIZE": self.max_page_size,
                    "GATEWAY_MAX_BODY_BYTES": self.max_body_bytes}
        for name, value in positive.items():
            if value < 1:
                raise SettingsError(f"{name} must be at least 1, got {value}")
        if not 0 < self.neo4j_transaction_timeout <= 600:
            raise SettingsError("GATEWAY_NEO4J_TRANSACTION_TIMEOUT_SECONDS must be above 0 and at most 600, "
                                f"got {self.neo4j_transaction_timeout}")
        if self.rate_limit_per_minute < 0:
            raise SettingsError(f"GATEWAY_RATE_LIMIT_PER_MINUTE must be 0 (off) or more, got {self.rate_limit_per_minute}")


def _int(env: dict[str, str], name: str, default: int) -> int:
    return int(_number(env, name, default, int, "a whole number"))


def _float(env: dict[str, str], name: str, default: float) -> float:
    return _number(env, name, default, float, "a number of seconds")


def _number(env: dict[str, str], name: str, default: float, parse: type[int] | type[float], what: str) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return parse(raw)
    except ValueError:
        raise SettingsError(f"{name} must be {what}, got {raw!r}") from None


def _bool(env: dict[str, str], name: str) -> bool:
    return env.get(name, "").strip().lower() in ("1", "true", "yes", "on")
