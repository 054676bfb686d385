"""Message templates as the schema shows them (the text a generated message to a prospect is
rendered from); placeholders and rendering are domains/lead_and_opportunity_management/message_templates.py.
"""

from __future__ import annotations

from typing import Annotated

import strawberry

from domains.lead_and_opportunity_management.message_templates import (
    list_templates,
    placeholders,
    unknown_placeholders,
)
from gateway.security.auth import ALL_ROLES, allow
from graph.database import Record
from resolvers.context import Info

__all__ = ["MessageTemplate", "MessageTemplateQuery"]


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
                   placeholders=named, unknown_placeholders=unknown_placeholders(named))


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
        return [MessageTemplate.from_record(t) for t in await list_templates(info.context.db, channel)]
