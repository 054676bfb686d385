// Changes a routing profile's monitoring settings (BIAN Update): the next review date and
// the note, each only when given ($set lists which), and, when an outcome is given,
// completes the profile's open review requests with it.
// In Neo4j Browser:
// :param partyStateId => 'PS-C0000168';
// :param set => ['nextReviewDue', 'note'];
// :param nextReviewDue => date() + duration('P90D');
// :param note => 'Reviewed with the customer';
// :param reviewOutcome => null;
// :param now => datetime();
// :param updatedBy => 'R000001';
MATCH (ps:PartyState {partyStateId: $partyStateId})
SET ps.nextReviewDue = CASE WHEN 'nextReviewDue' IN $set THEN $nextReviewDue ELSE ps.nextReviewDue END,
    ps.note = CASE WHEN 'note' IN $set THEN $note ELSE ps.note END,
    ps.version = coalesce(ps.version, 0) + 1, ps.updatedAt = $now, ps.updatedBy = $updatedBy
WITH ps
CALL (ps) {
  MATCH (ps)-[:HAS_REVIEW_REQUEST]->(r:ProfileReviewRequest {status: 'OPEN'})
  WHERE $reviewOutcome IS NOT NULL
  SET r.status = 'COMPLETED', r.completedAt = $now, r.completedBy = $updatedBy, r.outcome = $reviewOutcome
  RETURN count(r) AS completed
}
RETURN completed
