"""Party Routing Profile's rules (BIAN), free of GraphQL.

- `profile`: the PartyState (initiate, update, refresh with lapsing and the value tier, review
  requests), what a principal sees of it (confidential indicators, alert narratives), the book
  rule for a profile, its write lock, IndicatorCategory and "in force at t".
- `indicators`: the lifecycle of Status, Rating and Alert values (capture, update by supersede or
  end, retrieve), each change under the profile's lock, idempotent, and logged as an event.
- `vocabulary`: the IndicatorType policy and its checks (define, change, list).
- `presenting_check`: the identity and active-status check as a customer presents.
- `analytics`: the portfolio make-up and the weekly indicator trend, and their windows.
"""
