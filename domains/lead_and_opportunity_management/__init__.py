"""Lead and Opportunity Management's rules (BIAN), free of GraphQL: capture, evaluate and progress
leads up to the offer. One module per rule:

- `vocabulary`: a lead's statuses and their legal moves, campaign types, sources, classification, priority control.
- `lead`: a lead read by id (score derived when missing), the lead lock every change starts with, "only open leads".
- `scoring`: a lead's score and classification.
- `capture`: BIAN Initiate: the request's checks, duplicates, idempotency, the new lead and its owner.
- `update`: BIAN Update: legal status moves, evaluation before an offer, priority control, owner rights, details.
- `triggers`: what a lead's steps trigger: SALES_PROSPECT on the routing profile, the Offer, the Sales events.
- `evaluation`: the checks before any offer, with the facts that decided them, and their recording.
- `assignment`: who owns a lead: the customer's RM, else routing's best SALES resource; the stored explanation.
- `assign_lead`: (re)assigning an open lead: replay, rights, choice, write.
- `development_rules`: development tasks' types, statuses and legal moves, and their input limits.
- `development`: development tasks: initiate, record results, execute the automated action, request, read.
- `message_templates`: the placeholders a template may name and how a message is rendered.
- `analytics`: the analytics' window, limit and age-range checks, and their four reads.
"""
