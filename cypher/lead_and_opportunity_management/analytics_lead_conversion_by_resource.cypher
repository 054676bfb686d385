// Lead conversion per owner (Lead and Opportunity Management analytics): for each servicing
// resource a lead is OWNED_BY, the leads closed in the window [$from, $to) (closedAt, through the
// lead_closed_at index) and the owner's open leads now (through lead_status). One row:
// resourceFound (false when $conversion.resourceId names no resource), owners (how many matched,
// before the limit) and the first $conversion.limit of them, most won first, then most closed,
// then by resourceId. An owner is listed when it has a lead closed in the window or open now; the
// resource named by $conversion.resourceId is listed even with neither.
// conversionRate = won / closed (0 to 1, 4 decimals; null with none closed); days to close =
// closedAt - createdAt in days (2 decimals), averaged and its median (percentileCont 0.5) over
// the leads closed in the window, whatever their outcome.
// USING INDEX: the planner cannot tell from the indexes that closed-in-a-window and open leads are
// a small share of all leads; a scan from the owners would read every lead. Open leads are sought
// in the lead_status index one status at a time (for an IN list the planner may scan the index).
// resourceId may be null, so it travels in one map parameter, $conversion (see
// contact_routing/routing_candidates); $from and $to are always datetimes, and as parameters of
// their own they let the planner seek the index on both bounds.
// In Neo4j Browser:
// :param from => datetime('2026-01-01T00:00:00Z');
// :param to => datetime('2026-04-01T00:00:00Z');
// :param conversion => ({resourceId: null, limit: 20});
OPTIONAL MATCH (chosen:ServicingResource {resourceId: $conversion.resourceId})
WITH chosen, $conversion.resourceId IS NULL OR chosen IS NOT NULL AS resourceFound
WITH resourceFound, COLLECT {
  CALL (chosen, resourceFound) {
    MATCH (l:Lead)-[:OWNED_BY]->(r:ServicingResource)
    USING INDEX l:Lead(closedAt)
    WHERE resourceFound AND l.closedAt >= $from AND l.closedAt < $to
      AND ($conversion.resourceId IS NULL OR r = chosen)
    RETURN r, l.status AS status, (l.closedAt.epochMillis - l.createdAt.epochMillis) / 86400000.0 AS days
    UNION ALL
    UNWIND ['CAPTURED', 'QUALIFYING', 'CONFIRMED', 'OFFER_INITIATED'] AS openStatus
    MATCH (l:Lead {status: openStatus})-[:OWNED_BY]->(r:ServicingResource)
    USING INDEX l:Lead(status)
    WHERE resourceFound AND ($conversion.resourceId IS NULL OR r = chosen)
    RETURN r, 'OPEN' AS status, null AS days
    UNION ALL
    // The resource asked for, so it is listed with zeros when it has no leads.
    WITH chosen WHERE chosen IS NOT NULL
    RETURN chosen AS r, null AS status, null AS days
  }
  WITH r, count(days) AS closed, count(CASE WHEN status = 'WON' THEN 1 END) AS won,
       count(CASE WHEN status = 'LOST' THEN 1 END) AS lost,
       count(CASE WHEN status = 'REJECTED' THEN 1 END) AS rejected,
       count(CASE WHEN status = 'EXPIRED' THEN 1 END) AS expired,
       count(CASE WHEN status = 'OPEN' THEN 1 END) AS open,
       avg(days) AS averageDays, percentileCont(days, 0.5) AS medianDays
  RETURN r {.resourceId, .name, closed: closed, won: won, lost: lost, rejected: rejected, expired: expired,
            conversionRate: CASE WHEN closed > 0 THEN round(toFloat(won) / closed, 4) END,
            averageDaysToClose: CASE WHEN closed > 0 THEN round(averageDays, 2) END,
            medianDaysToClose: CASE WHEN closed > 0 THEN round(medianDays, 2) END,
            openLeads: open} AS owner
  ORDER BY owner.won DESC, owner.closed DESC, owner.resourceId
} AS owners
RETURN resourceFound, size(owners) AS owners, owners[..$conversion.limit] AS resources
