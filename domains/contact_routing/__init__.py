"""Contact Routing's rules (BIAN), free of GraphQL; resolvers/contact_routing/ is their GraphQL side.

- `contact`: a contact to route, in one shape from the request to the routing statement's parameters.
- `decision`: the routing decision (candidates, explanations, why queued); the score is the statement's.
- `dispatch`: claiming capacity under locks, offering, queueing, re-routing, serving the queue, the Dispatcher.
- `allocation`: requestAllocation, lifecycle steps and wrap-up, each one write transaction with the book rule.
- `lifecycle`: the allocation statuses, the steps between them and which statuses hold capacity.
- `pools`: provide, change and read servicing pools and their assignments.
- `resources`: register, change and read servicing resources; capture their status.
- `books`: relationship managers' books (MANAGES) and backups (BACKUP_FOR).
- `statistics`: a pool's statistics and the window they cover.
- `vocabulary`: the plain codes and the checks the inputs share.
"""
