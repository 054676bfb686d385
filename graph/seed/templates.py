"""The demo bank's message templates: what a generated message to a prospect is rendered from
(resolvers/lead_and_opportunity_management/message_templates.py lists the placeholders).

Templates are data: seeding creates these once, relationship managers edit them in Neo4j Browser.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph import queries
from graph.database import Database

CREATE_MESSAGE_TEMPLATES = queries.load("seed/create_message_templates")


@dataclass(frozen=True)
class MessageTemplate:
    template_id: str
    name: str
    channel: str
    subject: str
    body: str


TEMPLATES: tuple[MessageTemplate, ...] = (
    MessageTemplate(
        "TPL-PRODUCT-INTRODUCTION", "Introduce the product of interest", "EMAIL",
        "Your ${productName} with us",
        "Dear ${customerName},\n\nThank you for your interest in our ${productName}. ${ownerName}, your contact "
        "at the bank, will get in touch to go through it with you and answer your questions.\n\n"
        "Kind regards,\n${ownerName}"),
    MessageTemplate(
        "TPL-CALL-BACK", "Announce a call back", "SMS",
        "We will call you about ${productName}",
        "Hello ${customerName}, ${ownerName} from the bank will call you shortly about ${productName}."),
    MessageTemplate(
        "TPL-DOCUMENT-REQUEST", "Ask for the documents an offer needs", "LETTER",
        "Documents for your ${productName} application",
        "Dear ${customerName},\n\nTo prepare your ${productName} offer we need a few documents from you. "
        "Please bring them to your next meeting with ${ownerName}, or upload them in online banking.\n\n"
        "Yours sincerely,\n${ownerName}"),
)


def template_rows() -> list[dict[str, str]]:
    return [{"templateId": t.template_id, "name": t.name, "channel": t.channel, "subject": t.subject, "body": t.body}
            for t in TEMPLATES]


async def seed_message_templates(db: Database) -> None:
    """Creates the templates the graph lacks; existing ones (perhaps edited) are left as they are."""
    await db.write(CREATE_MESSAGE_TEMPLATES, rows=template_rows())
