"""Customer Relationship Management's rules (BIAN), free of GraphQL: each takes the Database or a
Transaction, the Principal and plain requests, and answers records; resolvers/customer_relationship_management/
maps them to GraphQL.

- `vocabulary`: the codes (plain Enums) and the legal moves between statuses.
- `access`: who may read and change which plan (the relationship manager's book; narratives).
- `steps`: how every change of a plan is keyed and logged (idempotency, the Relationship event), and
  `changed_then_read`, the one update-then-read every step answers with.
- `plan/`: `lock` (how every change of a plan begins), `rules` (validity, review, goal count), `fields`
  (the plan's fields and goals as asked, checked), `create`, `update`, `moves` (Control, Exchange,
  Grant), `read` (Retrieve, a customer's plans).
- `development/`: `rules`, `work` (how a task step runs), `steps` (Create, Update, Exchange, Request), `read`.
- `incident/`: `rules` (input, references, moves), `steps` (Create, Update, Capture), `moves` (Control, Exchange), `read`.
- `contact/`: `rules`, `booking` (the one way a contact is created; reading one), `steps` (Create,
  Update, Request), `plan_request` (the plan's Request: arrange a meeting, request a review).
- `book_scope`: whose book a read covers and the bounds of its arguments; `book`: the RM's book and
  the activity-trend review; `analytics`: plan coverage, goal attainment, an RM's performance.
- `network`: the customer network and the shortest path (bounds, book check, reads).
- `matching`: products suggested through the graph (score, reasons, eligibility) and a suggestion
  turned into a lead.
"""
