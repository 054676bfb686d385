"""Customer Relationship Management: the relationship manager's book and the activity-trend review.

- relationshipManagerBook: the customers a relationship manager MANAGES and covers as backup, the
  plans due for review, open incidents, open leads and recent contacts
  (book_of_relationship_manager.cypher, one statement);
- relationshipActivityReview: the book's customers whose activity is trending lower, with possible
  causes and an agenda for the meeting (review_activity.py; review_activity_of_book.cypher, one statement).

Both read the book of `resourceId`, by default the principal's own; a relationship manager reads
only its own (FORBIDDEN on resourceId otherwise), admins and analysts any. The checks and the reads are
domains/customer_relationship_management/book.py's (and book_scope.py's); the mapping is here. Neither
shows narratives, so analysts see the same answer.
"""

from __future__ import annotations

import datetime
from typing import Annotated

import strawberry

from domains.customer_relationship_management import book as book_rules
from domains.customer_relationship_management.access import PLAN_READERS
from gateway.security.auth import allow
from gateway.security.book import mark_in_book
from graph.temporal import instant_or_now, native, now
from resolvers.context import Info
from resolvers.customer_relationship_management.access import principal
from resolvers.customer_relationship_management.book_types import BookResource, RelationshipManagerBook
from resolvers.customer_relationship_management.review_activity import FlaggedCustomer, RelationshipActivityReview

ResourceArgument = Annotated[strawberry.ID | None, strawberry.argument(
    description="The servicing resource whose book is read, e.g. R000301 (default: the principal's own). A "
                "relationship manager may name only itself.")]


@strawberry.type
class BookQuery:
    @strawberry.field(
        description="A relationship manager's book (BIAN Customer Relationship Management): the customers it "
                    "manages and covers as backup, the open plans due for review, open incidents, open leads and "
                    "recent and upcoming contacts; each list capped at `limit` with its total. FORBIDDEN for a "
                    "relationship manager naming another's book; NOT_FOUND for an unknown resourceId; VALIDATION "
                    "for days outside 1-365 or limit outside 1-200.",
        extensions=allow(*PLAN_READERS),
    )
    async def relationship_manager_book(
        self, info: Info, resource_id: ResourceArgument = None,
        review_within_days: Annotated[int, strawberry.argument(
            description="Plans whose review is due by today plus this many days (overdue ones included), 1-365.")] = 30,
        recent_days: Annotated[int, strawberry.argument(
            description="Contacts held in the last, or scheduled in the next, this many days, 1-365.")] = 30,
        limit: Annotated[int, strawberry.argument(description="The most items of each list, 1-200.")] = 50,
    ) -> RelationshipManagerBook:
        at = now()
        row = await book_rules.relationship_manager_book(info.context.db, principal(info), _id(resource_id),
                                                         review_within_days, recent_days, limit, at)
        book = RelationshipManagerBook.from_record(row, at)
        mark_in_book(info.context, book.customer_ids())  # the book's own statement chose them
        return book

    @strawberry.field(
        description="The activity-trend review of a relationship manager's book (the seed's example): each "
                    "customer it manages or covers whose events in the last `days` fell by at least "
                    "minimumDropPercent from the `days` before (with at least minimumEarlierEvents then), with the "
                    "open plan, possible internal causes (open incidents, failed product events, poor servicing "
                    "outcomes), external ones (life events) and a suggested agenda for the meeting "
                    "(requestRelationshipPlan, ARRANGE_MEETING). FRAUD events count only for relationship managers "
                    "and admins. FORBIDDEN for a relationship manager naming another's book; NOT_FOUND for an "
                    "unknown resourceId; VALIDATION for days outside 1-365, minimumDropPercent outside 1-100 or "
                    "minimumEarlierEvents outside 1-10000.",
        extensions=allow(*PLAN_READERS),
    )
    async def relationship_activity_review(
        self, info: Info, resource_id: ResourceArgument = None,
        days: Annotated[int, strawberry.argument(description="The length of each window in days, 1-365.")] = 90,
        minimum_drop_percent: Annotated[int, strawberry.argument(
            description="The least fall, in percent of the earlier count, that flags a customer, 1-100.")] = 25,
        minimum_earlier_events: Annotated[int, strawberry.argument(
            description="Customers with fewer earlier events are not judged, 1-10000.")] = 3,
        at: Annotated[datetime.datetime | None, strawberry.argument(
            description="The end of the recent window, excluded (default: now; without a zone, UTC).")] = None,
    ) -> RelationshipActivityReview:
        at = instant_or_now(at)
        row, categories = await book_rules.activity_review(info.context.db, principal(info), _id(resource_id), days,
                                                           minimum_drop_percent, minimum_earlier_events, at)
        mark_in_book(info.context, [f["customerId"] for f in row["flagged"]])  # the book's own customers
        return RelationshipActivityReview(
            resource=BookResource.from_record(row["resource"]), days=days, as_of=at,
            recent_from=native(row["recentFrom"]), earlier_from=native(row["earlierFrom"]), categories=categories,
            minimum_drop_percent=minimum_drop_percent, minimum_earlier_events=minimum_earlier_events,
            customers_reviewed=row["customersReviewed"],
            flagged=[FlaggedCustomer.from_record(f, days) for f in row["flagged"]])


@strawberry.type
class BookMutation:
    pass


def _id(value: strawberry.ID | None) -> str | None:
    return None if value is None else str(value)
