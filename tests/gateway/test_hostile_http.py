"""Hostile input over HTTP: thousands of requests a client could send, none answered with a 500, an
INTERNAL error, an error without a code, or anything but the documented JSON shape with a request id.

The requests come from families (methods and paths, headers, content types, JSON shapes and depths,
token claims of the wrong types, temporal values out of range, document depth, validation error
limits, several operations without `operationName`, persisted-query extensions of the wrong types,
mutations among them all) sent to the real app in production mode, in process, over the small bank
in the real Neo4j; and raw bytes that only a real server sees, sent to it under uvicorn over sockets.
Every refused mutation must leave the graph exactly as it was: none of them may be accepted, and a
snapshot of the whole graph taken before the run equals the one taken after.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import json
import re
import socket
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import dateutil.parser
import httpx2
import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    get_named_type,
)
from starlette.types import Receive, Scope, Send

from app import create_app
from gateway.errors import InputValueError
from gateway.security.auth import ALL_ROLES, issue_token
from gateway.settings import Settings
from gateway.view import MAX_JSON_DEPTH
from graph.database import Database
from graph.seed import wipe_graph
from resolvers.temporal import parse_date, parse_datetime
from tests.gateway.security.fuzz_values import known_ids_for, known_values, leaked
from tests.support import SCHEMA, load_event_types, load_small_bank, served, snapshot

HERE = Path(__file__).resolve().parent
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")
JSON_TYPES = ("application/json", "application/graphql-response+json")
HEALTH = ("/healthz", "/readyz")
QUERY = "{ __typename }"
MUTATION = 'mutation { evaluateLead(leadId: "L-NOT-THERE") { __typename } }'
# Each family's wrong JSON values: every JSON type, and the edges of numbers and strings.
WRONG_JSON: tuple[Any, ...] = (None, True, False, 0, -1, 1.5, 2**31, 10**30, "", "x", "\u0000", "\ud800",
                               [], [1], [[]], ["a", {}], {}, {"a": 1}, {"query": QUERY})


@dataclass
class Tally:
    """Every response checked, counted by what went wrong; the failures kept to report."""

    sent: int = 0
    families: Counter[str] = field(default_factory=Counter)
    seconds: Counter[str] = field(default_factory=Counter)
    last: float = field(default_factory=time.monotonic)
    problems: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def fail(self, kind: str, what: str, detail: str) -> None:
        self.problems[kind] += 1
        if len(self.failures) < 30:
            self.failures.append(f"{kind}: {what}: {detail[:400]}")

    def summary(self) -> str:
        headline = ("5xx", "INTERNAL", "uncoded", "not JSON", "no request id")
        others = sum(self.problems.values()) - sum(self.problems[kind] for kind in headline)
        counts = ", ".join(f"{kind}: {self.problems[kind]}" for kind in headline)
        seconds = {family: round(spent, 1) for family, spent in self.seconds.items()}
        return (f"{self.sent} hostile requests ({dict(self.families)}, seconds {seconds}); {counts}, "
                f"other problems: {others}")


def check(tally: Tally, family: str, what: str, method: str, path: str, status: int, headers: dict[str, str],
          body: bytes, expect: set[str] | None = None, mutation: str | None = None) -> None:
    """The contract for one response: below 500, JSON, a request id, every error coded and not INTERNAL
    (and among `expect` when given); a refused mutation (`mutation` names its field) has no data."""
    tally.sent += 1
    tally.families[family] += 1
    now = time.monotonic()
    tally.seconds[family] += now - tally.last
    tally.last = now
    if status >= 500:
        tally.fail("5xx", what, f"{status} {body[:300]!r}")
    if not REQUEST_ID.match(headers.get("x-request-id", "")):
        tally.fail("no request id", what, f"{status} headers {headers}")
    if not headers.get("content-type", "").startswith(JSON_TYPES):
        tally.fail("not JSON", what, f"{status} {headers.get('content-type')} {body[:200]!r}")
        return
    if method == "HEAD":
        return  # a HEAD response has no body to check
    try:
        answer = json.loads(body)
    except ValueError:
        tally.fail("not JSON", what, f"{status} {body[:200]!r}")
        return
    if path in HEALTH and status in (200, 503) and isinstance(answer, dict) and "status" in answer:
        return  # the probes' own documented shape
    if not isinstance(answer, dict) or not ({"data", "errors"} & answer.keys()):
        tally.fail("shape", what, f"{status} {answer!r:.300}")
        return
    errors = answer.get("errors") or []
    if status >= 400 and not errors:
        tally.fail("shape", what, f"{status} without errors: {answer!r:.300}")
    for error in errors:
        code = error.get("extensions", {}).get("code") if isinstance(error, dict) else None
        message = error.get("message", "") if isinstance(error, dict) else ""
        if not isinstance(code, str) or not code:
            tally.fail("uncoded", what, f"{status} {error!r:.300}")
        elif code == "INTERNAL":
            tally.fail("INTERNAL", what, f"{status} {error!r:.300}")
        elif expect is not None and code not in expect:
            tally.fail("unexpected code", what, f"{status} {code} (expected {sorted(expect)}): {message[:200]}")
        if not isinstance(message, str) or leaked(message):
            tally.fail("leak", what, f"{status} {message!r:.300}")
    if expect is not None and not errors:
        tally.fail("accepted", what, f"{status} expected {sorted(expect)}, got {answer!r:.200}")
    if mutation is not None:
        data = answer.get("data")
        if isinstance(data, dict) and data.get(mutation) is not None:
            tally.fail("mutation accepted", what, f"{answer!r:.300}")


# Longer query strings are refused by the HTTP client itself; POST carries those documents.
MAX_URL_QUERY = 60_000


async def send(client: httpx2.AsyncClient, tally: Tally, family: str, method: str, path: str = "/graphql", *,
         expect: set[str] | None = None, mutation: str | None = None, **kwargs: Any) -> None:
    if sum(len(str(value)) * 3 for value in (kwargs.get("params") or {}).values()) > MAX_URL_QUERY:
        return
    if "json" in kwargs:  # encoded here: the HTTP client refuses lone surrogates, which are the point
        kwargs["content"] = json.dumps(kwargs.pop("json")).encode()
        kwargs["headers"] = {"Content-Type": "application/json", **kwargs.get("headers", {})}
    if "headers" in kwargs:  # header values beyond ASCII go as the raw bytes a client would send
        kwargs["headers"] = {name: value if value.isascii() else value.encode("latin-1", "replace")
                             for name, value in kwargs["headers"].items()}
    response = await client.request(method, path, **kwargs)
    what = f"{family} {method} {path} {json.dumps(kwargs, default=repr)[:300]}"
    check(tally, family, what, method, path, response.status_code, dict(response.headers), response.content,
          expect, mutation)


# --- tokens ------------------------------------------------------------------------------------

def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def signed(secret: str, claims: Any, header: Any = ...) -> str:
    """An HS256 token signed with the gateway's own secret over any JSON at all (PyJWT refuses to
    encode claims of the wrong types, which is exactly what this needs)."""
    signing = _b64(json.dumps({"alg": "HS256", "typ": "JWT"} if header is ... else header).encode()) + "." + \
        _b64(json.dumps(claims).encode())
    signature = hmac.new(secret.encode(), signing.encode(), hashlib.sha256).digest()
    return f"{signing}.{_b64(signature)}"


NOT_TEXT = tuple(v for v in WRONG_JSON if not isinstance(v, str) and v is not None) + ("",)
NOT_NUMBER = tuple(v for v in WRONG_JSON if not isinstance(v, int | float) or isinstance(v, bool))
# Per claim, values of a type the claim cannot have (or, for `exp`, in the past): each must be refused.
WRONG_CLAIMS: dict[str, tuple[Any, ...]] = {
    "sub": (None, *NOT_TEXT), "resourceId": NOT_TEXT,  # no resourceId at all (null) is allowed
    "roles": tuple(v for v in WRONG_JSON if v != ["admin"]) + ([["admin"]], ["admin", 7], ["admin", None]),
    "exp": NOT_NUMBER + (0, -1), "iat": NOT_NUMBER, "nbf": NOT_NUMBER,
}
# Claims the gateway does not read without GATEWAY_JWT_ISSUER / GATEWAY_JWT_AUDIENCE (and jti never):
# any value is harmless there, but must not fail the request with a 500 either.
UNREAD_CLAIMS = ("iss", "aud", "jti")


def hostile_tokens(secret: str) -> Iterator[tuple[str, str, bool]]:
    """(label, token, refused?): each claim with each wrong JSON type, payloads that are not objects,
    and headers of the wrong types, all validly signed."""
    now = int(time.time())
    base: dict[str, Any] = {"sub": "tester", "roles": ["admin"], "exp": now + 600, "iat": now, "nbf": now}
    for claim, values in WRONG_CLAIMS.items():
        for value in values:
            yield f"{claim}={value!r:.40}", signed(secret, {**base, claim: value}), True
    for claim in UNREAD_CLAIMS:
        for value in WRONG_JSON:
            yield f"{claim}={value!r:.40}", signed(secret, {**base, claim: value}), False
    for payload in ([], "claims", 5, None, [base], "", True):
        yield f"payload {payload!r:.40}", signed(secret, payload), True
    for value in (None, 5, [], ["HS256"], {}, "none", "RS256", "HS512", "", True):
        yield f"header alg={value!r}", signed(secret, base, {"alg": value, "typ": "JWT"}), True
    for value in (None, 5, [], ["x"], {}, "", True):
        yield f"header crit={value!r}", signed(secret, base, {"alg": "HS256", "crit": value}), True
        # HS256 verifies with the one secret whatever `kid` and `typ` say.
        yield f"header kid={value!r}", signed(secret, base, {"alg": "HS256", "kid": value}), False
        yield f"header typ={value!r}", signed(secret, base, {"alg": "HS256", "typ": value}), False
    for header in (["HS256"], "HS256", 5, None):
        yield f"header {header!r}", signed(secret, base, header), True


# --- temporal values out of range --------------------------------------------------------------

OUT_OF_RANGE_DATETIMES = ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00", "0099-12-31T23:59:59Z",
                          "9999-12-31T23:59:59-01:00", "9999-12-31T23:59:59.999999Z", "9900-01-01T00:00:00Z",
                          "2026-01-01T00:00:00+19:00", "2026-01-01T00:00:00-23:59", "0000-01-01T00:00:00Z",
                          "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "1000000000-01-01T00:00:00Z")
OUT_OF_RANGE_DATES = ("0001-01-01", "0099-12-31", "9999-12-31", "9900-01-01", "0000-01-01", "+10000-01-01",
                      "-999999999-01-01")


def _temporal_kind(type_: GraphQLInputType) -> str | None:
    named = get_named_type(type_)
    return named.name if isinstance(named, GraphQLScalarType) and named.name in ("Date", "DateTime") else None


def temporal_paths(type_: GraphQLInputType, prefix: str, depth: int = 0) -> Iterator[tuple[str, str]]:
    """(path, Date or DateTime) of every temporal input within an argument, e.g. ("input.occurredAt", "DateTime")."""
    kind = _temporal_kind(type_)
    if kind is not None:
        yield prefix, kind
        return
    named = get_named_type(type_)
    if isinstance(named, GraphQLInputObjectType) and depth < 3:
        for name, input_field in named.fields.items():
            yield from temporal_paths(input_field.type, f"{prefix}.{name}", depth + 1)


def plain_value(type_: GraphQLInputType, name: str, known: dict[str, list[str]]) -> Any:
    """A value of the declared type that passes coercion: an existing id where there is one."""
    if isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    if isinstance(type_, GraphQLList):
        return [plain_value(type_.of_type, name, known)]
    if isinstance(type_, GraphQLEnumType):
        return sorted(type_.values)[0]
    if isinstance(type_, GraphQLInputObjectType):
        return {n: plain_value(f.type, n, known) for n, f in type_.fields.items() if isinstance(f.type, GraphQLNonNull)}
    assert isinstance(type_, GraphQLScalarType)
    plain = {"Int": 5, "Float": 1.0, "Boolean": True, "DateTime": "2026-01-01T00:00:00Z", "Date": "2026-01-01"}
    if type_.name in plain:
        return plain[type_.name]
    ids = known_ids_for(name, known)
    return ids[0] if ids else "x"


def with_value(variables: dict[str, Any], path: str, value: Any, field_: GraphQLField) -> dict[str, Any]:
    """`variables` with `value` put at `path` (argument[.input field...]), the objects on the way made."""
    out = json.loads(json.dumps(variables))
    names = path.split(".")
    if names[0] not in out:
        out[names[0]] = {} if len(names) > 1 else None
    target = out
    for name in names[:-1]:
        if not isinstance(target.get(name), dict):
            target[name] = {}
        target = target[name]
    target[names[-1]] = value
    return out


def temporal_document(operation: str, name: str, field_: GraphQLField, variables: dict[str, Any]) -> str:
    """`operation($a: T, ...) { name(a: $a, ...) { __typename } }`: the least a document needs to reach
    variable coercion, where an out-of-range value is refused (no bulky selection to validate)."""
    arguments = {n: a for n, a in field_.args.items() if n in variables}
    declared = ", ".join(f"${n}: {a.type}" for n, a in arguments.items())
    passed = ", ".join(f"{n}: ${n}" for n in arguments)
    leaf = isinstance(get_named_type(field_.type), GraphQLScalarType | GraphQLEnumType)
    return f"{operation}({declared}) {{ {name}({passed}) {'' if leaf else '{ __typename }'} }}"


def temporal_requests(known: dict[str, list[str]]) -> Iterator[tuple[str, str, str, dict[str, Any], str]]:
    """(operation, field, path, variables, value sent) for every temporal input of every root field."""
    schema = SCHEMA._schema
    assert schema.query_type is not None and schema.mutation_type is not None
    for operation, root in (("query", schema.query_type), ("mutation", schema.mutation_type)):
        for name, field_ in root.fields.items():
            required = {n: plain_value(a.type, n, known) for n, a in field_.args.items() if isinstance(a.type, GraphQLNonNull)}
            for argument_name, argument in field_.args.items():
                for path, kind in temporal_paths(argument.type, argument_name):
                    for value in OUT_OF_RANGE_DATETIMES if kind == "DateTime" else OUT_OF_RANGE_DATES:
                        variables = with_value(required, path, value, field_)
                        yield operation, name, path, variables, value


# --- the app, the bank ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
async def hostile_bank(database: Database) -> Database:
    await wipe_graph(database)
    await load_small_bank(database, "lead_procedure", "lead_development")
    await load_event_types(database)
    return database


@pytest.fixture(scope="module")
def production(settings: Settings) -> Settings:
    # Production mode (introspection off, hints hidden); no rate limit, so every request is seen in full.
    hostile = replace(settings, dev_mode=False, production=True, rate_limit_per_minute=0)
    assert hostile.production_mode
    return hostile


@pytest.fixture(scope="module")
async def client(production: Settings, hostile_bank: Database) -> AsyncIterator[httpx2.AsyncClient]:
    """The app in process, on the test's own event loop (no thread between them, so thousands of
    requests stay quick), its lifespan run as uvicorn runs it: each request gets the lifespan state."""
    app = create_app(production)
    async with app.router.lifespan_context(app) as state:
        async def with_state(scope: Scope, receive: Receive, send: Send) -> None:
            scope["state"] = dict(state or {})
            await app(scope, receive, send)

        # An exception escaping the app becomes the 500 it would be under uvicorn, counted, not raised.
        transport = httpx2.ASGITransport(with_state, raise_app_exceptions=False)
        async with httpx2.AsyncClient(transport=transport, base_url="http://gateway.test") as client:
            yield client


def bearer(settings: Settings) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(settings, 'tester', ALL_ROLES)}"}


# --- in process ----------------------------------------------------------------------------------

async def test_thousands_of_hostile_requests_get_the_json_error_contract_and_change_nothing(
        client: httpx2.AsyncClient, production: Settings, hostile_bank: Database) -> None:
    known = await known_values(hostile_bank)
    before = await snapshot(hostile_bank)
    tally = Tally()
    auth = bearer(production)
    json_headers = {**auth, "Content-Type": "application/json"}

    # Methods on every path: GET and POST on /graphql, GET and HEAD on the probes; 405 or 404 otherwise.
    expired = {"Authorization": "Bearer " + signed(production.jwt_secret, {"sub": "t", "roles": ["admin"], "exp": 1})}
    for method in ("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "PROPFIND", "FOO"):
        for path in ("/graphql", "/healthz", "/readyz", "/", "/nope", "/graphql/", "/GRAPHQL", "/graphql/x",
                     "/%00", "/..%2f..%2fetc%2fpasswd", "/" + "a" * 3000):
            for headers in ({}, auth, expired, {"Authorization": "Bearer garbage"}):
                for accept in ("application/json", "application/graphql-response+json"):
                    await send(client, tally, "methods", method, path, headers={**headers, "Accept": accept})
    for method in ("PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"):
        await send(client, tally, "methods", method, headers=json_headers, content=json.dumps({"query": MUTATION}),
             expect={"METHOD_NOT_ALLOWED"}, mutation="evaluateLead")
    await send(client, tally, "methods", "GET", params={"query": MUTATION}, headers=auth, expect={"METHOD_NOT_ALLOWED"},
         mutation="evaluateLead")

    # Headers: Accept, Authorization, X-Request-ID and Content-Type in every combination that matters.
    accepts = (None, "", "*/*", "application/json", "application/graphql-response+json", "text/html", "image/png",
               "application/json;q=0", "application/json;q=abc", "application/*;q=0.5, */*;q=2", ",,,;;;",
               "a" * 20_000)
    authorizations = (None, "", "Bearer", "Bearer ", "Basic dGVzdDp0ZXN0", "bearer " + auth["Authorization"][7:],
                      "Bearer not.a.jwt", "Bearer " + "x" * 50_000, "Bearer a.b", "Token abc",
                      auth["Authorization"] + " trailing", "Bearer \u00e9\u00e8.\u00ff.\u00fe")
    content_types = (None, "application/json", "application/json; charset=utf-8", "application/json; charset=latin-1",
                     "APPLICATION/JSON", "application/graphql", "text/plain", "multipart/form-data; boundary=x",
                     "application/x-www-form-urlencoded", "application/json;;;===", "*/*", "\u00ff")
    for accept in accepts:
        for authorization in authorizations:
            for content_type in content_types[:6] if authorization not in (None, auth["Authorization"]) else content_types:
                headers = {name: value for name, value in (("Accept", accept), ("Authorization", authorization),
                                                           ("Content-Type", content_type)) if value is not None}
                await send(client, tally, "headers", "POST", headers=headers, content=json.dumps({"query": QUERY}).encode())
    for request_id in ("", "short", "x" * 129, "a b c d e f g h", "\u00e9" * 10, "../../etc/passwd", "ok-id-12345678"):
        await send(client, tally, "headers", "POST", headers={**json_headers, "X-Request-ID": request_id},
             content=json.dumps({"query": QUERY}).encode())

    # JSON shapes and depths, by POST and by GET, for both response types.
    bodies: list[bytes] = [b"", b" ", b"\xff\xfe\x00", b"\xef\xbb\xbf{\"query\": \"{ __typename }\"}", b"{", b"}",
                           b"[", b'{"query": "{ __typename }"', b'{"query": "{ __typename }"}}', b"nul", b"NaN",
                           b'{"query": "\\ud800"}', b'{"query": "{ __typename }", "query": 5}',
                           b'{"query": "query($n: Int) { customers(first: $n) { edges { cursor } } }", "variables": {"n": NaN}}',
                           b'{"query": "query($n: Float) { __typename }", "variables": {"n": Infinity}}',
                           b'{"query": "{ __typename }", "variables": {"n": 1' + b"0" * 5000 + b"}}",
                           b'{"query": "{ __typename }", "variables": {"n": 1e999999}}',
                           "{\"query\": \"{ __typename }\"}".encode("utf-16"), b"\x00" * 100]
    bodies += [json.dumps(value).encode() for value in WRONG_JSON]
    for key in ("query", "variables", "operationName", "extensions"):
        for value in WRONG_JSON:
            bodies.append(json.dumps({"query": QUERY, key: value}).encode())
            bodies.append(json.dumps({"query": MUTATION, key: value}).encode())
    for depth in (10, MAX_JSON_DEPTH - 1, MAX_JSON_DEPTH, MAX_JSON_DEPTH + 1, 200, 1000, 5000, 100_000):
        nested_list = "[" * depth + "]" * depth
        nested_object = '{"a":' * depth + "1" + "}" * depth
        for nested in (nested_list, nested_object):
            bodies.append(f'{{"query": "{{ __typename }}", "variables": {{"x": {nested}}}}}'.encode())
            bodies.append(f'{{"query": "query($x: [String]) {{ __typename }}", "variables": {{"x": {nested}}}}}'.encode())
            bodies.append(f'{{"query": "{{ __typename }}", "extensions": {{"x": {nested}}}}}'.encode())
            bodies.append(nested.encode())
            bodies.append(f'{{"query": {json.dumps(MUTATION)}, "variables": {{"x": {nested}}}}}'.encode())
    for accept in ("*/*", "application/json", "application/graphql-response+json"):
        for body in bodies:
            mutation = "evaluateLead" if b"evaluateLead" in body else None
            await send(client, tally, "json", "POST", headers={**json_headers, "Accept": accept}, content=body, mutation=mutation)
        for key in ("query", "variables", "operationName", "extensions"):
            for value in ("", "{", "null", "5", "[]", "[1]", '"x"', "{}", "\u0000", "NaN", "1" + "0" * 5000,
                          "[" * 5000 + "]" * 5000, '{"a":' * 100 + "1" + "}" * 100, "{ __typename }"):
                params = {"query": QUERY, key: value}
                await send(client, tally, "json", "GET", params=params, headers={**auth, "Accept": accept})

    # Tokens: validly signed, with claims and headers of the wrong JSON types: 401 UNAUTHENTICATED.
    for label, token, refused in hostile_tokens(production.jwt_secret):
        for accept in ("application/json", "application/graphql-response+json"):
            headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Accept": accept}
            for method, query in (("POST", QUERY), ("POST", MUTATION), ("GET", QUERY)):
                if method == "POST":
                    response = await client.post("/graphql", headers=headers, json={"query": query})
                else:
                    response = await client.get("/graphql", headers=headers, params={"query": query})
                what = f"claims {label} {method} {query[:20]} {accept}"
                check(tally, "claims", what, method, "/graphql", response.status_code, dict(response.headers),
                      response.content, {"UNAUTHENTICATED"} if refused else None,
                      "evaluateLead" if query == MUTATION else None)
                if refused and response.status_code != 401:
                    tally.fail("claims status", what, f"{response.status_code} {response.text[:200]}")

    # Temporal values outside what Neo4j and Python hold: VALIDATION naming the argument, nothing run.
    temporal = 0
    for operation, name, path, variables, value in temporal_requests(known):
        field_ = (SCHEMA._schema.query_type if operation == "query" else SCHEMA._schema.mutation_type).fields[name]  # type: ignore[union-attr]
        query = temporal_document(operation, name, field_, variables)
        response = await client.post("/graphql", headers=json_headers, json={"query": query, "variables": variables})
        what = f"temporal {operation} {name} {path}={value}"
        check(tally, "temporal", what, "POST", "/graphql", response.status_code, dict(response.headers),
              response.content, {"VALIDATION"}, name if operation == "mutation" else None)
        errors = response.json().get("errors") or []
        if not any(e.get("extensions", {}).get("field") == path for e in errors):
            tally.fail("temporal field", what, f"no error names {path}: {errors!r:.300}")
        temporal += 1
    assert temporal > 300, "the schema's temporal arguments were not found"
    for literal in ("0001-01-01T00:00:00Z", "2026-01-01T00:00:00+19:00", "9999-12-31T23:59:59Z"):
        query = f'{{ customer(customerId: "C0000001") {{ routingProfile(at: "{literal}") {{ __typename }} }} }}'
        response = await client.post("/graphql", headers=json_headers, json={"query": query})
        check(tally, "temporal", f"temporal literal {literal}", "POST", "/graphql", response.status_code,
              dict(response.headers), response.content, {"VALIDATION"})
        assert response.json()["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "at"}, response.text

    # Documents nested deep enough to stop a parser or a validator that recursed.
    for depth in (10, 100, 199, 200, 201, 250, 500, 1000, 3000, 10_000):
        for query in ("{" + "customers { edges { node { " * (depth // 3) + "customerId" + " } } }" * (depth // 3) + "}",
                      '{ customer(customerId: ' + "[" * depth + "]" * depth + ") { name } }",
                      '{ customer(customerId: ' + "{a: " * depth + "1" + "}" * depth + ") { name } }",
                      "{" + "... on Query { " * depth + "__typename" + " }" * depth + "}",
                      "{ ...F0 } " + " ".join(f"fragment F{i} on Query {{ ...F{i + 1} }}" for i in range(min(depth, 400)))
                      + f" fragment F{min(depth, 400)} on Query {{ __typename }}",
                      "{" * depth + "}" * depth,
                      "mutation { evaluateLead(leadId: " + "[" * depth + "]" * depth + ") { __typename } }"):
            mutation = "evaluateLead" if query.startswith("mutation") else None
            expect = {"VALIDATION"} if depth >= 200 else None
            await send(client, tally, "depth", "POST", headers=json_headers, json={"query": query}, expect=expect, mutation=mutation)
            await send(client, tally, "depth", "GET", params={"query": query}, headers=auth, expect=expect)

    # graphql-core's validation error limit, and documents full of errors.
    for count in (50, 99, 100, 101, 150, 300, 600):
        for query in ("{ " + " ".join(f"f{i}" for i in range(count)) + " }",
                      '{ customer(customerId: "C0000001") { ' + " ".join(f"x{i}: nope{i}" for i in range(count)) + " } }",
                      " ".join(f"query Q{i} {{ __typename }}" for i in range(count)),
                      "query(" + ", ".join(f"$v{i}: Int" for i in range(count)) + ") { __typename }",
                      "mutation { " + " ".join(f"m{i}: evaluateLead(leadId: {i}) {{ __typename }}" for i in range(count)) + " }"):
            mutation = "evaluateLead" if query.startswith("mutation") else None
            await send(client, tally, "error limit", "POST", headers=json_headers, json={"query": query}, expect={"VALIDATION"},
                 mutation=mutation)

    # Several operations: without operationName, with an unknown one, with a mutation over GET.
    for count in (2, 3, 5, 6):
        operations = " ".join(f"query Q{i} {{ __typename }}" for i in range(count))
        with_mutation = operations + " mutation M { evaluateLead(leadId: \"L-NOT-THERE\") { __typename } }"
        for method in ("GET", "POST"):
            for body in ({"query": operations}, {"query": operations, "operationName": None},
                         {"query": operations, "operationName": "Nope"}, {"query": with_mutation},
                         {"query": with_mutation, "operationName": "M"}, {"query": "{ __typename } { __typename }"},
                         {"query": "query A { __typename } { __typename }"}):
                named = body.get("operationName")
                if method == "GET":
                    params = {k: v for k, v in body.items() if v is not None}
                    await send(client, tally, "operations", "GET", params=params, headers=auth,
                         expect={"VALIDATION", "METHOD_NOT_ALLOWED"}, mutation="evaluateLead")
                else:
                    expect = {"VALIDATION"} if named != "M" or count > 4 else {"NOT_FOUND", "VALIDATION"}
                    await send(client, tally, "operations", "POST", headers=json_headers, json=body, expect=expect,
                         mutation="evaluateLead")

    # Persisted-query extensions of the wrong types, by POST and GET.
    sha = hashlib.sha256(QUERY.encode()).hexdigest()
    for persisted in (*WRONG_JSON, {"version": 1}, {"sha256Hash": sha}, {"version": "1", "sha256Hash": sha},
                      {"version": 1, "sha256Hash": 5}, {"version": 1, "sha256Hash": sha.upper() + "0"},
                      {"version": 1, "sha256Hash": "0" * 64}, {"version": 2, "sha256Hash": sha},
                      {"version": 1, "sha256Hash": [sha]}, {"version": 1.0000001, "sha256Hash": sha}):
        for query in (None, QUERY, MUTATION, "{ customers(first: 1) { edges { cursor } } }"):
            body = {"extensions": {"persistedQuery": persisted}, **({"query": query} if query else {})}
            mutation = "evaluateLead" if query == MUTATION else None
            await send(client, tally, "persisted", "POST", headers=json_headers, json=body, mutation=mutation)
            if query != MUTATION:
                params = {"extensions": json.dumps(body["extensions"]), **({"query": query} if query else {})}
                await send(client, tally, "persisted", "GET", params=params, headers=auth)

    print(f"\nhostile HTTP, in process: {tally.summary()}")
    assert not tally.failures, f"{tally.summary()}\n" + "\n".join(tally.failures)
    assert tally.sent >= 5000, tally.summary()
    assert await snapshot(hostile_bank) == before, "a refused request changed the graph"


# --- over sockets, under uvicorn -----------------------------------------------------------------

RAW_REQUESTS: tuple[bytes, ...] = (
    b"\x00\x01\x02\x03\r\n\r\n",
    b"\xff\xfe\xfd\r\n\r\n",
    b"GARBAGE\r\n\r\n",
    b"GET\r\n\r\n",
    b"GET /graphql\r\n\r\n",
    b"GET /graphql HTTP/9.9\r\n\r\n",
    b"GET /graphql HTTP/1.1 extra\r\nHost: x\r\n\r\n",
    b"GET  /graphql HTTP/1.1\r\nHost: x\r\n\r\n",
    b"G\x00T /graphql HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /gra\x00phql HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /graphql HTTP/1.1\r\nHost x\r\n\r\n",
    b"GET /graphql HTTP/1.1\r\n: empty-name\r\n\r\n",
    b"GET /graphql HTTP/1.1\r\nBad Header: x\r\n\r\n",
    b"GET /graphql HTTP/1.1\r\nX: a\x00b\r\n\r\n",
    b"GET /graphql HTTP/1.1\r\n X: folded\r\n\r\n",
    b"GET /graphql HTTP/1.1\nHost: x\n\n",
    b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
    b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
    b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
    b"POST /graphql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nhello\r\n0\r\n\r\n",
    b"POST /graphql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n",
    b"POST /graphql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked, bogus\r\n\r\n0\r\n\r\n",
    b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 40 + b"\r\n\r\n",  # a TLS ClientHello
    b"GET /graphql?query=%ZZ HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /%ff%fe HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /graphql?query=%7B%20__typename%20%7D&variables=%FF HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /graphql HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \xff\xfe\r\n\r\n",
    b"GET /graphql HTTP/1.1\r\nHost: x\r\nX-Request-ID: \xe9\xe9\xe9\xe9\xe9\xe9\xe9\xe9\r\n\r\n",
    b"GET /graphql HTTP/1.1\r\nHost: x\r\nAccept: \xff\r\n\r\n",
    b"GET /graphql HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 65_536 + b"\r\n\r\n",
    b"GET /graphql HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(500)) + b"\r\n",
    b"BREW /graphql HTTP/1.1\r\nHost: x\r\n\r\n",
    b"CONNECT 127.0.0.1:7687 HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET http://evil.example/graphql HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET * HTTP/1.1\r\nHost: x\r\n\r\n",
    b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\n\r\n\xff\xfe\xfd\xfc",
    b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n{}",
    b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"2\r\n{}\r\n0\r\n\r\n",
)


def raw_exchange(base_url: str, request: bytes) -> bytes:
    """Send `request` on a fresh connection; read one answer (its head and Content-Length body), until
    the server closes, or for 3 s."""
    host, port = base_url.removeprefix("http://").split(":")
    received = b""
    with socket.create_connection((host, int(port)), timeout=3) as conn:
        try:
            conn.sendall(request)
            while chunk := conn.recv(65_536):
                received += chunk
                head, separator, body = received.partition(b"\r\n\r\n")
                length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
                if separator and length and len(body) >= int(length.group(1)):
                    break
        except (TimeoutError, ConnectionResetError, BrokenPipeError):
            pass
    return received


def parse_answer(raw: bytes) -> tuple[int, dict[str, str], bytes]:
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding") == "chunked":
        decoded, rest = b"", body
        while rest:
            size_line, _, rest = rest.partition(b"\r\n")
            size = int(size_line, 16)
            if size == 0:
                break
            decoded, rest = decoded + rest[:size], rest[size + 2:]
        body = decoded
    return status, headers, body


def test_raw_bytes_that_are_not_http_get_the_json_error_contract_from_the_real_server(
        production: Settings, hostile_bank: Database) -> None:
    tally = Tally()
    with served(create_app(production)) as url:
        for request in RAW_REQUESTS:
            raw = raw_exchange(url, request)
            what = f"raw {request[:80]!r}"
            if not raw:
                tally.fail("no answer", what, "the connection closed without a response")
                continue
            status, headers, body = parse_answer(raw)
            method = request.split(b" ", 1)[0].decode("latin-1")
            path = request.split(b" ")[1].decode("latin-1") if request.count(b" ") >= 2 else "/"
            check(tally, "raw", what, method, path, status, headers, body)
    print(f"\nhostile HTTP, raw bytes under uvicorn: {tally.summary()}")
    assert not tally.failures, f"{tally.summary()}\n" + "\n".join(tally.failures)


def test_temporal_arguments_are_accepted_across_the_documented_range_and_no_further() -> None:
    for accepted in ("0100-01-01T00:00:00Z", "0100-01-01T18:00:00+18:00", "9899-12-31T23:59:59.999999Z",
                     "9899-12-31T05:59:59-18:00", "2026-06-30T12:00:00", "2026-06-30T12:00:00+05:45"):
        assert parse_datetime(accepted) == dateutil.parser.isoparse(accepted), accepted
    assert (parse_date("0100-01-01"), parse_date("9899-12-31")) == (datetime.date(100, 1, 1), datetime.date(9899, 12, 31))
    for refused, reason in (("0100-01-01T00:00:00+00:01", "outside the years 0100-9899 (UTC)"),
                            ("9899-12-31T23:59:59-00:01", "outside the years 0100-9899 (UTC)"),
                            ("2026-01-01T00:00:00+18:01", "offsets must lie within -18:00..+18:00"),
                            ("2026-01-01", None), ("20260101T00", None), ("yesterday", "is not an ISO 8601 datetime")):
        if reason is None:
            assert parse_datetime(refused).year == 2026  # ISO 8601 forms dateutil reads are fine
            continue
        with pytest.raises(InputValueError, match=re.escape(reason)):
            parse_datetime(refused)
    for day in ("0099-12-31", "9900-01-01"):
        with pytest.raises(InputValueError, match="outside the years 0100-9899"):
            parse_date(day)
