// Ageing of open leads (Lead and Opportunity Management analytics): the leads open now (CAPTURED,
// QUALIFYING, CONFIRMED, OFFER_INITIATED) captured at or before $at, aged at $at in
// whole days (duration.inDays(createdAt, at)). Statuses are as they stand now: the graph keeps a
// lead's current status, not its status at past instants.
// Buckets from the ascending upper bounds $bounds, e.g. [7, 30, 90]: 0-7, 8-30, 31-90 and
// 91 or more days; a lead of age d falls in bucket size([b IN bounds WHERE b < d]). Each bucket
// counts its leads per open status, in lifecycle order, zeros included.
// oldest: the $limit oldest of them (createdAt, then leadId), with customer, product and
// owner (null when the lead has none).
// Open leads are sought in the lead_status index one status at a time (for an IN list the planner
// may scan the whole index instead), USING INDEX: open leads are a small share of all leads, which
// the planner cannot tell from the index, and createdAt <= now matches every lead.
// In Neo4j Browser:
// :param at => datetime();
// :param bounds => [7, 30, 90];
// :param limit => 10;
CALL () {
  UNWIND ['CAPTURED', 'QUALIFYING', 'CONFIRMED', 'OFFER_INITIATED'] AS openStatus
  MATCH (l:Lead {status: openStatus})
  USING INDEX l:Lead(status)
  WHERE l.createdAt <= $at
  WITH size([b IN $bounds WHERE b < duration.inDays(l.createdAt, $at).days]) AS bucket,
       l.status AS status, count(*) AS leads
  RETURN collect({bucket: bucket, status: status, leads: leads}) AS cells
}
WITH cells, COLLECT {
  UNWIND ['CAPTURED', 'QUALIFYING', 'CONFIRMED', 'OFFER_INITIATED'] AS openStatus
  MATCH (l:Lead {status: openStatus})
  USING INDEX l:Lead(status)
  WHERE l.createdAt <= $at
  // The oldest first, then their customer and product: only `limit` leads are expanded.
  WITH l ORDER BY l.createdAt, l.leadId LIMIT $limit
  MATCH (c:Customer)-[:HAS_LEAD]->(l)-[:FOR_PRODUCT]->(p:Product)
  WITH c, l, p ORDER BY l.createdAt, l.leadId
  RETURN l {.leadId, .status, .createdAt, ageDays: duration.inDays(l.createdAt, $at).days,
            customer: c {.customerId, .name}, product: p {.productId, .name, .family},
            owner: [(l)-[:OWNED_BY]->(r:ServicingResource) | r {.resourceId, .name}][0]} AS lead
} AS oldest
RETURN reduce(total = 0, cell IN cells | total + cell.leads) AS openLeads,
  [i IN range(0, size($bounds)) | {
    minDays: CASE WHEN i = 0 THEN 0 ELSE $bounds[i - 1] + 1 END,
    maxDays: $bounds[i],
    leads: reduce(total = 0, cell IN cells | total + CASE WHEN cell.bucket = i THEN cell.leads ELSE 0 END),
    byStatus: [status IN ['CAPTURED', 'QUALIFYING', 'CONFIRMED', 'OFFER_INITIATED'] | {status: status, leads: reduce(total = 0, cell IN cells |
      total + CASE WHEN cell.bucket = i AND cell.status = status THEN cell.leads ELSE 0 END)}]
  }] AS buckets,
  oldest
