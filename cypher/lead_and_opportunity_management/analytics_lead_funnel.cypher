// Lead funnel (Lead and Opportunity Management analytics): per campaign type and product, the
// leads captured in the window [$from, $to) (createdAt, through the lead_created_at
// index), and how far each got, as it stands now. One row: productFound (false when
// $funnel.productId names no product), the total funnel, then one funnel per campaign type and
// product (campaign type, nulls last, then productId).
// How far a lead got ("reached"), on the lifecycle CAPTURED 0 < QUALIFYING 1 < CONFIRMED 2 <
// OFFER_INITIATED 3 < WON 4: an open or WON lead reached its status; a LOST lead reached
// OFFER_INITIATED (the only way to LOST); a REJECTED or EXPIRED lead reached the furthest stage its
// Sales events show (LEAD_QUALIFYING, LEAD_CONFIRMED, LEAD_OFFER_INITIATED events that CONCERN it,
// logged by the procedure), else CAPTURED: leads seeded without a history count at CAPTURED.
// Rates (0 to 1, 4 decimals; null when the denominator is 0): qualifyingRate = qualifying /
// captured, confirmationRate = confirmed / qualifying, offerRate = offerInitiated / confirmed,
// winRate = won / offerInitiated, conversionRate = won / captured.
// The filters that may be null travel in one map parameter, $funnel (see
// contact_routing/routing_candidates); $from and $to are always datetimes, and as parameters of
// their own they let the planner seek the index on both bounds.
// In Neo4j Browser:
// :param from => datetime('2026-01-01T00:00:00Z');
// :param to => datetime('2026-04-01T00:00:00Z');
// :param funnel => ({campaignType: null, productId: null});
OPTIONAL MATCH (chosen:Product {productId: $funnel.productId})
WITH chosen, $funnel.productId IS NULL OR chosen IS NOT NULL AS productFound
WITH productFound, COLLECT {
  MATCH (l:Lead)-[:FOR_PRODUCT]->(p:Product)
  USING INDEX l:Lead(createdAt)
  WHERE productFound AND l.createdAt >= $from AND l.createdAt < $to
    AND ($funnel.campaignType IS NULL OR l.campaignType = $funnel.campaignType)
    AND ($funnel.productId IS NULL OR p = chosen)
  WITH l, p, CASE l.status WHEN 'QUALIFYING' THEN 1 WHEN 'CONFIRMED' THEN 2 WHEN 'OFFER_INITIATED' THEN 3
                           WHEN 'LOST' THEN 3 WHEN 'WON' THEN 4 ELSE 0 END AS statusStage
  WITH l, p, CASE WHEN l.status IN ['REJECTED', 'EXPIRED']
                  THEN coalesce(COLLECT {
                         MATCH (l)<-[:CONCERNS]-(e:SalesEvent)
                         WHERE e.type IN ['LEAD_QUALIFYING', 'LEAD_CONFIRMED', 'LEAD_OFFER_INITIATED']
                         RETURN CASE e.type WHEN 'LEAD_QUALIFYING' THEN 1 WHEN 'LEAD_CONFIRMED' THEN 2 ELSE 3 END AS stage
                         ORDER BY stage DESC LIMIT 1 }[0], 0)
                  ELSE statusStage END AS reached
  WITH l.campaignType AS campaignType, p, count(l) AS captured,
       count(CASE WHEN reached >= 1 THEN l END) AS qualifying,
       count(CASE WHEN reached >= 2 THEN l END) AS confirmed,
       count(CASE WHEN reached >= 3 THEN l END) AS offerInitiated,
       count(CASE WHEN l.status = 'WON' THEN l END) AS won,
       count(CASE WHEN l.status = 'LOST' THEN l END) AS lost,
       count(CASE WHEN l.status = 'REJECTED' THEN l END) AS rejected,
       count(CASE WHEN l.status = 'EXPIRED' THEN l END) AS expired,
       count(CASE WHEN l.status IN ['CAPTURED', 'QUALIFYING', 'CONFIRMED', 'OFFER_INITIATED'] THEN l END) AS open
  RETURN {campaignType: campaignType, product: p {.productId, .name, .family}, captured: captured,
          qualifying: qualifying, confirmed: confirmed, offerInitiated: offerInitiated, won: won, lost: lost,
          rejected: rejected, expired: expired, open: open} AS funnel
  ORDER BY funnel.campaignType IS NULL, funnel.campaignType, funnel.product.productId
} AS groups
CALL (groups) {
  UNWIND groups AS g
  RETURN {campaignType: null, product: null, captured: sum(g.captured), qualifying: sum(g.qualifying),
          confirmed: sum(g.confirmed), offerInitiated: sum(g.offerInitiated), won: sum(g.won), lost: sum(g.lost),
          rejected: sum(g.rejected), expired: sum(g.expired), open: sum(g.open)} AS total
}
// The total first, then the groups, each with its rates.
RETURN productFound, [f IN [total] + groups | f {.*,
  qualifyingRate: CASE WHEN f.captured > 0 THEN round(toFloat(f.qualifying) / f.captured, 4) END,
  confirmationRate: CASE WHEN f.qualifying > 0 THEN round(toFloat(f.confirmed) / f.qualifying, 4) END,
  offerRate: CASE WHEN f.confirmed > 0 THEN round(toFloat(f.offerInitiated) / f.confirmed, 4) END,
  winRate: CASE WHEN f.offerInitiated > 0 THEN round(toFloat(f.won) / f.offerInitiated, 4) END,
  conversionRate: CASE WHEN f.captured > 0 THEN round(toFloat(f.won) / f.captured, 4) END
}] AS funnels
