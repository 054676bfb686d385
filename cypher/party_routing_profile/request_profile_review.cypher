// Records a request for manual review of a routing profile (BIAN Request); it stays OPEN on
// the profile until an update completes it.
// In Neo4j Browser:
// :param partyStateId => 'PS-C0000168';
// :param reviewRequestId => 'PR-example';
// :param reason => 'Income changed';
// :param now => datetime();
// :param requestedBy => 'R000001';
MATCH (ps:PartyState {partyStateId: $partyStateId})
CREATE (ps)-[:HAS_REVIEW_REQUEST]->(r:ProfileReviewRequest {
  reviewRequestId: $reviewRequestId, reason: $reason, status: 'OPEN', requestedAt: $now, requestedBy: $requestedBy
})
SET ps.version = coalesce(ps.version, 0) + 1, ps.updatedAt = $now
RETURN r.reviewRequestId AS reviewRequestId
