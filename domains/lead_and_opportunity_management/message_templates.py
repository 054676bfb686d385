"""Message templates: the text a generated message to a prospect is rendered from (BIAN
ExecuteDevelopment's automated action, for Lead and Opportunity Management).

Templates are data, `(:MessageTemplate {templateId, name, channel, subject, body})`, seeded with the
demo bank and editable in Neo4j Browser. Placeholders are `${name}` (or `$name`) for the names in
PLACEHOLDERS; rendering is string.Template's safe substitution, one pass: the customer's data is
inserted as text and never read as a template or evaluated. A placeholder the renderer does not know
(a typo made in Browser) stays in the text as written and is reported in `unresolvedPlaceholders`,
so a front end shows it before the message goes out.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Annotated, Any

import strawberry

from domains.inputs import text
from gateway.security.auth import ALL_ROLES, allow
from graph.database import Database, Record
from graph.queries import load
from resolvers.context import Info

TEMPLATE_LIST = load("lead_and_opportunity_management/template_list")

MAX_CHANNEL = 40

# What a template may name, and where each value comes from (development_message_context).
PLACEHOLDERS: dict[str, str] = {
    "customerId": "the customer's id",
    "customerName": "the customer's name",
    "productId": "the product of interest's id",
    "productName": "the product of interest's name",
    "productFamily": "the product of interest's family, e.g. LENDING",
    "ownerId": "the lead owner's resource id",
    "ownerName": "the lead owner's name (the bank's contact for the customer)",
    "assigneeId": "the development task assignee's resource id",
    "assigneeName": "the development task assignee's name",
    "leadId": "the lead's id",
    "developmentId": "the development task's id",
}


@strawberry.type(description="A message template (data, editable in Neo4j Browser): generated messages to prospects "
                             "are rendered from its subject and body, whose ${placeholder}s name the customer's, "
                             "product's and owner's data (docs/lead-and-opportunity.md lists them).")
class MessageTemplate:
    template_id: strawberry.ID = strawberry.field(description="The template's identifier, e.g. TPL-MORTGAGE-FOLLOW-UP.")
    name: str = strawberry.field(description="What the template is for, in words.")
    channel: str | None = strawberry.field(description="The channel its messages go out on, e.g. EMAIL, LETTER, SMS.")
    subject: str = strawberry.field(description="The subject line, with ${placeholder}s.")
    body: str = strawberry.field(description="The message body, with ${placeholder}s.")
    placeholders: list[str] = strawberry.field(
        description="The placeholders subject and body name, in order of first use.")
    unknown_placeholders: list[str] = strawberry.field(
        description="Named placeholders the renderer does not know: they would stay in the text as written.")

    @classmethod
    def from_record(cls, t: Record) -> MessageTemplate:
        named = placeholders(t["subject"] or "", t["body"] or "")
        return cls(template_id=strawberry.ID(t["templateId"]), name=t.get("name") or t["templateId"],
                   channel=t.get("channel"), subject=t["subject"] or "", body=t["body"] or "",
                   placeholders=named, unknown_placeholders=[p for p in named if p not in PLACEHOLDERS])


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    body: str
    unresolved: list[str]


def placeholders(*texts: str) -> list[str]:
    """The names `${...}`/`$...` placeholders in `texts` use, in order of first use."""
    seen: dict[str, None] = {}
    for part in texts:
        for name in string.Template(part).get_identifiers():
            seen.setdefault(name, None)
    return list(seen)


def render(template: Record, data: dict[str, Any]) -> RenderedMessage:
    """Subject and body with every known placeholder that has a value replaced; the rest stay visible."""
    values = {name: str(data[name]) for name in PLACEHOLDERS if data.get(name) is not None}
    subject, body = template["subject"] or "", template["body"] or ""
    return RenderedMessage(subject=string.Template(subject).safe_substitute(values),
                           body=string.Template(body).safe_substitute(values),
                           unresolved=[name for name in placeholders(subject, body) if name not in values])


async def list_templates(db: Database, channel: str | None) -> list[MessageTemplate]:
    wanted = text(channel, "channel", MAX_CHANNEL, required=False)
    rows = await db.read(TEMPLATE_LIST, request={"channel": wanted})
    return [MessageTemplate.from_record(row["template"]) for row in rows]


@strawberry.type
class MessageTemplateQuery:
    @strawberry.field(description="The message templates generated messages to prospects are rendered from "
                                  "(executeLeadDevelopment), by templateId.",
                      extensions=allow(*ALL_ROLES))
    async def message_templates(
        self, info: Info,
        channel: Annotated[str | None, strawberry.argument(
            description="Only templates of this channel, e.g. EMAIL (default: all).")] = None,
    ) -> list[MessageTemplate]:
        return await list_templates(info.context.db, channel)
