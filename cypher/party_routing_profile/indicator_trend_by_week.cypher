// Routing-indicator trend: per ISO week (Monday to Sunday, UTC) and indicator type, how many
// indicators were captured (capturedAt in the week) and how many closed (validTo in the week
// and not after $now; a validTo still ahead is a scheduled end, not a closing).
// The window is whole weeks: from the Monday of $fromDate's week to the Sunday of $toDate's.
// Every week of the window is returned, in order; a week without activity has an empty list,
// and within a week only types with activity appear, by code. $types narrows to some codes
// (null = all); confidential types (e.g. POSSIBLE_FRAUD) count only when $seesConfidential.
// In Neo4j Browser:
// :param fromDate => date('2025-10-01');
// :param toDate => date('2025-12-31');
// :param types => null;
// :param now => datetime();
// :param seesConfidential => false;
WITH date.truncate('week', $fromDate) AS firstWeek, date.truncate('week', $toDate) AS lastWeek
WITH firstWeek, duration.inDays(firstWeek, lastWeek).days / 7 + 1 AS weeks,
     datetime({date: firstWeek, timezone: 'UTC'}) AS windowStart,
     datetime({date: lastWeek, timezone: 'UTC'}) + duration({days: 7}) AS windowEnd
CALL (windowStart, windowEnd) {
  MATCH (i:Indicator)-[:OF_TYPE]->(t:IndicatorType)
  WHERE ($types IS NULL OR t.code IN $types)
    AND ($seesConfidential OR NOT coalesce(t.confidential, false))
    AND (windowStart <= i.capturedAt < windowEnd OR windowStart <= i.validTo < windowEnd)
  WITH t, CASE WHEN windowStart <= i.capturedAt < windowEnd THEN date.truncate('week', i.capturedAt) END AS capturedWeek,
          CASE WHEN windowStart <= i.validTo < windowEnd AND i.validTo <= $now THEN date.truncate('week', i.validTo) END AS closedWeek
  UNWIND [{weekStart: capturedWeek, captured: 1, closed: 0}, {weekStart: closedWeek, captured: 0, closed: 1}] AS hit
  WITH t, hit
  WHERE hit.weekStart IS NOT NULL
  WITH hit.weekStart AS weekStart, t.code AS type, t.kind AS category, sum(hit.captured) AS captured, sum(hit.closed) AS closed
  ORDER BY weekStart, type
  RETURN collect({weekStart: weekStart, type: type, category: category, captured: captured, closed: closed}) AS activity
}
UNWIND range(0, weeks - 1) AS week
WITH firstWeek + duration({weeks: week}) AS weekStart, activity
RETURN weekStart, [a IN activity WHERE a.weekStart = weekStart | a {.type, .category, .captured, .closed}] AS types
ORDER BY weekStart
