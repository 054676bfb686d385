// PartyState.reviewRequests: newest first.
COLLECT {
  MATCH ({{state}})-[:HAS_REVIEW_REQUEST]->({{request}}:ProfileReviewRequest)
  WITH {{request}} ORDER BY {{request}}.requestedAt DESC
  RETURN {{projection}} AS value
}
