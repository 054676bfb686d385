// Records an evaluation's outcome on the lead (for the funnel: when it was last evaluated and
// whether it passed, with the checks it failed). Runs after evaluate_lock_lead and evaluate_lead,
// in the same transaction.
// In Neo4j Browser:
// :param leadId => 'LD-C0000001-1';
// :param at => datetime();
// :param passed => true;
// :param failedChecks => [];
MATCH (l:Lead {leadId: $leadId})
SET l.lastEvaluatedAt = $at, l.lastEvaluationPassed = $passed, l.lastEvaluationFailedChecks = $failedChecks
RETURN l.leadId AS leadId
