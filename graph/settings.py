"""Settings from the environment. Every variable is listed in the README's table."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

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
    host: str = "127.0.0.1"
    port: int = 8000
    dev_mode: bool = False
    jwt_secret: str = field(default="", repr=False)
    jwt_issuer: str | None = None
    jwt_audience: str | None = None
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
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        get = env.get
        return cls(
            neo4j_uri=get("NEO4J_URI") or None,
            neo4j_user=get("NEO4J_USER", "neo4j"),
            neo4j_password=get("NEO4J_PASSWORD", ""),
            neo4j_database=get("NEO4J_DATABASE", "neo4j"),
            host=get("GATEWAY_HOST", "127.0.0.1"),
            port=_int(env, "GATEWAY_PORT", 8000),
            dev_mode=_bool(env, "GATEWAY_DEV_MODE"),
            jwt_secret=get("GATEWAY_JWT_SECRET", ""),
            jwt_issuer=get("GATEWAY_JWT_ISSUER") or None,
            jwt_audience=get("GATEWAY_JWT_AUDIENCE") or None,
            connect_timeout=_float(env, "NEO4J_CONNECT_TIMEOUT", 30.0),
            retry_seconds=_float(env, "NEO4J_RETRY_SECONDS", 5.0),
            event_future_tolerance_seconds=_float(env, "EVENT_FUTURE_TOLERANCE_SECONDS", 300.0),
            routing_feed_interval=_float(env, "ROUTING_FEED_INTERVAL_SECONDS", 0.5),
            dispatch_interval=_float(env, "ROUTING_DISPATCH_INTERVAL_SECONDS", 1.0),
            local_bolt_port=_int(env, "LOCAL_NEO4J_BOLT_PORT", 7687),
            local_http_port=_int(env, "LOCAL_NEO4J_HTTP_PORT", 7474),
            local_data_dir=Path(get("LOCAL_NEO4J_DATA_DIR", str(cls.local_data_dir))),
            local_heap=get("LOCAL_NEO4J_HEAP", "1g"),
            local_pagecache=get("LOCAL_NEO4J_PAGECACHE", "512m"),
            log_level=get("GATEWAY_LOG_LEVEL", "INFO").upper(),
        )

    def with_neo4j(self, uri: str, user: str = "neo4j", password: str = "") -> Settings:
        """A copy pointing at another Neo4j, e.g. the one the project started itself."""
        return replace(self, neo4j_uri=uri, neo4j_user=user, neo4j_password=password)

    def check(self) -> None:
        """Refuse settings that would run an insecure or unreachable gateway."""
        if not self.dev_mode and len(self.jwt_secret) < 32:
            raise SettingsError(
                "GATEWAY_JWT_SECRET must be set to at least 32 characters "
                "(or set GATEWAY_DEV_MODE=1 for local development)"
            )
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
