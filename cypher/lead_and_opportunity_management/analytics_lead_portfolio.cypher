// Lead portfolio (Lead and Opportunity Management analytics): the leads captured at or before
// $at (createdAt, through the lead_created_at index), as they stand now, counted by
// status, classification, campaign type and source; and the open pipeline (CAPTURED, QUALIFYING,
// CONFIRMED, OFFER_INITIATED) by product family. Every count list follows the vocabulary given in
// the parameter, zeros included; classification, campaign type and source end with a null entry
// for the leads without one (null-safe: older leads may carry no classification).
// Open pipeline: one entry per product family with open leads, most first, then by family; per
// open status in lifecycle order, zeros included. It seeks the open leads in the lead_status index
// one status at a time (for an IN list the planner may scan the index) and USING INDEX (open leads
// are a small share of all leads, which the planner cannot tell from the index).
// In Neo4j Browser:
// :param at => datetime();
// :param portfolio => ({
//   statuses: ['CAPTURED', 'QUALIFYING', 'CONFIRMED', 'OFFER_INITIATED', 'WON', 'LOST', 'REJECTED', 'EXPIRED'],
//   classifications: ['HOT', 'WARM', 'COLD'], campaignTypes: ['CROSS_SELL', 'UP_SELL', 'RETENTION'],
//   sources: ['SERVICING_INTERACTION', 'EVENT', 'CAMPAIGN', 'MANUAL']
// });
CALL () {
  MATCH (l:Lead)
  USING INDEX l:Lead(createdAt)
  WHERE l.createdAt <= $at
  WITH l.status AS status, l.classification AS classification, l.campaignType AS campaignType,
       l.source AS source, count(*) AS leads
  RETURN collect({status: status, classification: classification, campaignType: campaignType, source: source,
                  leads: leads}) AS cells
}
WITH cells, COLLECT {
  UNWIND ['CAPTURED', 'QUALIFYING', 'CONFIRMED', 'OFFER_INITIATED'] AS openStatus
  MATCH (l:Lead {status: openStatus})-[:FOR_PRODUCT]->(p:Product)
  USING INDEX l:Lead(status)
  WHERE l.createdAt <= $at
  WITH p.family AS family, l.status AS status, count(*) AS leads
  WITH family, collect({status: status, leads: leads}) AS counted, sum(leads) AS openLeads
  RETURN {family: family, openLeads: openLeads,
          byStatus: [status IN ['CAPTURED', 'QUALIFYING', 'CONFIRMED', 'OFFER_INITIATED'] |
                     {status: status, leads: coalesce([c IN counted WHERE c.status = status | c.leads][0], 0)}]} AS entry
  ORDER BY entry.openLeads DESC, entry.family
} AS pipeline
RETURN reduce(total = 0, cell IN cells | total + cell.leads) AS leads,
  [status IN $portfolio.statuses |
   {status: status, leads: reduce(n = 0, c IN cells | n + CASE WHEN c.status = status THEN c.leads ELSE 0 END)}] AS byStatus,
  [key IN $portfolio.classifications |
   {key: key, leads: reduce(n = 0, c IN cells | n + CASE WHEN c.classification = key THEN c.leads ELSE 0 END)}]
  + [{key: null, leads: reduce(n = 0, c IN cells | n + CASE WHEN c.classification IS NULL THEN c.leads ELSE 0 END)}]
    AS byClassification,
  [key IN $portfolio.campaignTypes |
   {key: key, leads: reduce(n = 0, c IN cells | n + CASE WHEN c.campaignType = key THEN c.leads ELSE 0 END)}]
  + [{key: null, leads: reduce(n = 0, c IN cells | n + CASE WHEN c.campaignType IS NULL THEN c.leads ELSE 0 END)}]
    AS byCampaignType,
  [key IN $portfolio.sources |
   {key: key, leads: reduce(n = 0, c IN cells | n + CASE WHEN c.source = key THEN c.leads ELSE 0 END)}]
  + [{key: null, leads: reduce(n = 0, c IN cells | n + CASE WHEN c.source IS NULL THEN c.leads ELSE 0 END)}]
    AS bySource,
  pipeline
