"""Reading the audit trail: `auditRecords`, for admins, newest first, a page at a time.

gateway/security/audit.py writes one AuditRecord per root mutation field; this module only reads them
(there is no mutation over them: the trail is append-only for the gateway). A page is one read
of one of three statements, chosen by the filter: by request id (audit_record_request_id
index), by subject (audit_record_subject_at, read in index order), else by time (audit_record_at,
read in index order); the other filters narrow the rows the seek finds. Pages are
keyset-paginated on (at, auditId), so page 5,000 costs what page 1 does.

Every page reads within one time window of at most MAX_WINDOW (default: the year up to now),
so a rare filter reads at most a year's records however long the trail grows.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Annotated, Any, LiteralString

import strawberry

from gateway.security.audit import MAX_VALUE_LENGTH, NOT_EXECUTED, is_identifier
from gateway.security.auth import Role, allow
from graph.errors import GatewayError, ValidationFailed
from graph.queries import load
from graph.temporal import aware, native, now
from resolvers.context import Info
from resolvers.pagination import PageInfo, decode_cursor, encode_cursor, page_size

AUDIT_RECORDS = load("audit/audit_records")
AUDIT_RECORDS_OF_SUBJECT = load("audit/audit_records_of_subject")
AUDIT_RECORDS_OF_REQUEST = load("audit/audit_records_of_request")

CURSOR_KIND = "audit"
# Who did what is oversight data about the bank's own staff: admins only (docs/security.md, "Audit").
AUDIT_READERS = (Role.ADMIN,)
DEFAULT_PAGE = 50
MAX_WINDOW = datetime.timedelta(days=366)
MAX_FILTER_LENGTH = 256
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
EARLIEST = datetime.datetime.min.replace(tzinfo=datetime.UTC)
# The instants Python (and so a cursor) can hold: 0001-01-01 to 9999-12-31, in epoch seconds.
EPOCH_SECONDS = range(-62135596800, 253402300800)


def _codes(error: type[GatewayError]) -> set[str]:
    return {error.code}.union(*(_codes(subclass) for subclass in error.__subclasses__()))


# What a record's outcome can be: OK, NOT_EXECUTED, or the code of an error the client saw.
OUTCOMES = frozenset({"OK", NOT_EXECUTED, *_codes(GatewayError)})


@strawberry.type(description="An argument recorded on an audit record, e.g. customerId and the values given for it.")
class AuditIdentifier:
    name: str = strawberry.field(description="The argument or input field, e.g. customerId, customerIds or idempotencyKey.")
    values: list[str] = strawberry.field(description="The values given, each cut at 128 characters, at most 100.")


@strawberry.type(description="One root mutation field a principal attempted, and its outcome. Append-only: "
                             "the gateway writes each record once and never changes or deletes it.")
class AuditRecord:
    audit_id: strawberry.ID = strawberry.field(description="The record's identifier, AU- and a random UUID.")
    at: datetime.datetime = strawberry.field(description="When the operation finished (UTC).")
    subject: str | None = strawberry.field(description="The token's subject (sub) of the principal.")
    roles: list[str] = strawberry.field(description="The principal's role names, as the token carried them (e.g. admin).")
    resource_id: str | None = strawberry.field(description="The servicing resource the token named, if any.")
    request_id: str | None = strawberry.field(description="The request id (X-Request-ID), as on the response and in the logs.")
    operation: str | None = strawberry.field(description="The operation's name; null when anonymous.")
    field: str = strawberry.field(description="The root mutation field, e.g. initiateLead.")
    identifiers: list[AuditIdentifier] = strawberry.field(
        description="The arguments named *Id, *Ids or idempotencyKey, at any depth, by name; never free text.")
    outcome: str = strawberry.field(
        description="OK, NOT_EXECUTED (an earlier field's failure stopped it), or the error code the client saw.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> AuditRecord:
        found: dict[str, list[str]] = json.loads(row.get("identifiers") or "{}")
        return cls(
            audit_id=strawberry.ID(row["auditId"]), at=native(row["at"]), subject=row.get("subject"),
            roles=list(row.get("roles") or []), resource_id=row.get("resourceId"), request_id=row.get("requestId"),
            operation=row.get("operation"), field=row["field"], outcome=row["outcome"],
            identifiers=[AuditIdentifier(name=name, values=values) for name, values in sorted(found.items())],
        )


@strawberry.type(description="One audit record in a page, with its cursor.")
class AuditRecordEdge:
    cursor: str = strawberry.field(description="Pass as `after` to continue with the records older than this one.")
    node: AuditRecord = strawberry.field(description="The audit record.")


@strawberry.type(description="A page of the audit trail, newest first (Relay cursor connection).")
class AuditRecordConnection:
    edges: list[AuditRecordEdge] = strawberry.field(
        description="The records of this page, newest first; records of the same instant by auditId, descending.")
    page_info: PageInfo = strawberry.field(description="Cursors and whether more (older) records exist.")


@strawberry.input(description="A value among a record's identifiers, under one argument name or any.")
class AuditIdentifierFilter:
    value: str = strawberry.field(description="The value, e.g. C0000001 (compared with its first 128 characters).")
    name: str | None = strawberry.field(
        default=None, description="Only under this argument name, e.g. customerId (default: any name).")


@strawberry.input(description="Narrows `auditRecords`; every field given must match.")
class AuditRecordFilter:
    subject: str | None = strawberry.field(default=None, description="Only this principal (the token's subject).")
    field: str | None = strawberry.field(default=None, description="Only this root mutation field, e.g. initiateLead.")
    outcome: str | None = strawberry.field(
        default=None, description="Only this outcome: OK, NOT_EXECUTED or an error code such as FORBIDDEN.")
    request_id: str | None = strawberry.field(default=None, description="Only this request (its X-Request-ID).")
    identifier: AuditIdentifierFilter | None = strawberry.field(
        default=None, description="Only records with this value among their identifiers.")
    from_: datetime.datetime | None = strawberry.field(
        name="from", default=None,
        description="Only records at or after this instant (without a zone, UTC; default: 366 days before `to`).")
    to: datetime.datetime | None = strawberry.field(
        default=None, description="Only records before this instant (without a zone, UTC; default: now); "
                                  "not before `from`, at most 366 days after it.")


@dataclass(frozen=True)
class AuditPage:
    """The checked arguments of one `auditRecords` field: which statement, with which parameters."""

    size: int
    statement: LiteralString
    params: dict[str, Any]


def audit_page(wanted: AuditRecordFilter, first: int | None, after: str | None, at: datetime.datetime) -> AuditPage:
    """The page the arguments ask for (`at` is now), or VALIDATION naming the argument at fault."""
    size = page_size(DEFAULT_PAGE if first is None else first)
    start, end = _window(wanted.from_, wanted.to, at)
    after_seconds, after_nanos, after_id = _after(after, end)
    name, value = _identifier(wanted.identifier)
    subject = _text(wanted.subject, "filter.subject")
    request_id = _text(wanted.request_id, "filter.requestId")
    statement = AUDIT_RECORDS_OF_REQUEST if request_id else AUDIT_RECORDS_OF_SUBJECT if subject else AUDIT_RECORDS
    return AuditPage(size=size, statement=statement, params={
        "subject": subject, "requestId": request_id, "field": _text(wanted.field, "filter.field"),
        "outcome": _outcome(wanted.outcome), "identifierName": name, "identifierValue": value,
        "from": start, "to": end, "afterSeconds": after_seconds, "afterNanos": after_nanos, "afterId": after_id,
        "limit": size + 1,
    })


def _window(start: datetime.datetime | None, end: datetime.datetime | None,
            at: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    """[from, to) in UTC (the offset records are written with), at most MAX_WINDOW long."""
    end = at if end is None else _utc(end, "filter.to")
    start = end - min(MAX_WINDOW, end - EARLIEST) if start is None else _utc(start, "filter.from")
    if start > end:
        raise ValidationFailed(f"`to` ({end.isoformat()}) must not be before `from` ({start.isoformat()})",
                               field="filter.to")
    if end - start > MAX_WINDOW:
        raise ValidationFailed(f"the window from `from` to `to` may span at most {MAX_WINDOW.days} days; "
                               "read a longer period window by window", field="filter.from")
    return start, end


def _utc(instant: datetime.datetime, field: str) -> datetime.datetime:
    try:
        return aware(instant).astimezone(datetime.UTC)
    except OverflowError:
        raise ValidationFailed(f"{field} is outside the years 1-9999 in UTC", field=field) from None


def _after(cursor: str | None, end: datetime.datetime) -> tuple[int, int, str]:
    """The cursor's instant (epoch seconds, nanosecond: exact, as stored) and auditId; no cursor: `end`."""
    key = decode_cursor(CURSOR_KIND, cursor)
    if key is None:
        return (end - EPOCH) // datetime.timedelta(seconds=1), end.microsecond * 1000, ""
    seconds, _, rest = key.partition("|")
    nanos, _, audit_id = rest.partition("|")
    try:
        at_seconds, at_nanos = int(seconds), int(nanos)
    except ValueError:
        at_seconds, at_nanos = 0, -1
    if at_seconds not in EPOCH_SECONDS or not 0 <= at_nanos < 10**9 or not audit_id:
        raise ValidationFailed("after is not a cursor from this list; pass an endCursor you received", field="after")
    return at_seconds, at_nanos, audit_id


def audit_cursor(row: dict[str, Any]) -> str:
    return encode_cursor(CURSOR_KIND, f"{row['atSeconds']}|{row['atNanos']}|{row['auditId']}")


def _text(value: str | None, field: str) -> str | None:
    if value is not None and not 1 <= len(value) <= MAX_FILTER_LENGTH:
        raise ValidationFailed(f"{field} must be 1-{MAX_FILTER_LENGTH} characters long, got {len(value)}", field=field)
    return value


def _outcome(outcome: str | None) -> str | None:
    if outcome is not None and outcome not in OUTCOMES:
        raise ValidationFailed(f"filter.outcome must be one of {', '.join(sorted(OUTCOMES))}, got {outcome[:64]!r}",
                               field="filter.outcome")
    return outcome


def _identifier(wanted: AuditIdentifierFilter | None) -> tuple[str | None, str | None]:
    if wanted is None:
        return None, None
    name = _text(wanted.name, "filter.identifier.name")
    if name is not None and not is_identifier(name):
        raise ValidationFailed("filter.identifier.name must name an argument that is recorded: one ending in Id "
                               "or Ids, or idempotencyKey", field="filter.identifier.name")
    value = _text(wanted.value, "filter.identifier.value")
    return name, None if value is None else value[:MAX_VALUE_LENGTH]  # stored values are cut so too


@strawberry.type
class AuditQuery:
    @strawberry.field(
        description="The audit trail: one record per root mutation field attempted (done, refused or failed), "
                    "newest first, a page at a time (first: 1-100, default 50), within a window of at most "
                    "366 days (default: the year up to now). Admins only; there is no way to change it.",
        extensions=allow(*AUDIT_READERS),
    )
    async def audit_records(
        self, info: Info,
        filter: Annotated[AuditRecordFilter | None, strawberry.argument(
            description="Only records matching all given fields.")] = None,
        first: Annotated[int | None, strawberry.argument(description="Page size, 1-100 (default 50).")] = DEFAULT_PAGE,
        after: Annotated[str | None, strawberry.argument(description="An endCursor from the previous page.")] = None,
    ) -> AuditRecordConnection:
        page = audit_page(filter or AuditRecordFilter(), first, after, now())
        rows = [row["record"] for row in await info.context.db.read(page.statement, **page.params)]
        edges = [AuditRecordEdge(cursor=audit_cursor(row), node=AuditRecord.from_record(row)) for row in rows[:page.size]]
        return AuditRecordConnection(edges=edges, page_info=PageInfo(
            has_next_page=len(rows) > page.size, has_previous_page=after is not None,
            start_cursor=edges[0].cursor if edges else None, end_cursor=edges[-1].cursor if edges else None))
