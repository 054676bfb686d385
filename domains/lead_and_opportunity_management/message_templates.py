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
from typing import Any

from domains.inputs import text
from graph.database import Database, Record
from graph.queries import load

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


def unknown_placeholders(named: list[str]) -> list[str]:
    """The placeholders in `named` the renderer does not know: they would stay in the text as written."""
    return [p for p in named if p not in PLACEHOLDERS]


async def list_templates(db: Database, channel: str | None) -> list[Record]:
    """The templates (template_list's maps), by templateId, only those of `channel` if given."""
    wanted = text(channel, "channel", MAX_CHANNEL, required=False)
    return [row["template"] for row in await db.read(TEMPLATE_LIST, request={"channel": wanted})]
