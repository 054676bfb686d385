// A relationship plan whole (Query.relationshipPlan, BIAN Retrieve): every stored property, its
// customer and owner, goals, the campaigns it qualifies for, summaries of its development tasks,
// incidents and contacts, and insights derived from the graph at the time of reading:
//   heldProducts       the customer's ACTIVE holdings, each saying whether it suits the segment
//   suitedProducts     how many products suit the customer's segment (Product.segments; none: all)
//   lastProductProcessingAt / productProcessingLast90Days
//                      the customer's ProductProcessing events: the latest, and how many in 90 days
//   creditRating / valueTier
//                      the routing profile's CREDIT_RATING and VALUE_TIER indicators in force
// Ask book_access first. No row: no such plan.
// In Neo4j Browser:
// :param planId => 'RP-C0000001';
MATCH (c:Customer)-[:HAS_PLAN]->(p:RelationshipPlan {planId: $planId})
WITH c, p, datetime() AS now
RETURN p {.*,
  customer: c {.customerId, .name, .segment},
  owner: [(p)-[:OWNED_BY]->(owner:ServicingResource) | owner {.resourceId, .name}][0],
  goals: COLLECT { MATCH (p)-[:HAS_GOAL]->(g:Goal) RETURN g {.*} AS goal ORDER BY size(g.goalId), g.goalId },
  campaigns: COLLECT {
    MATCH (p)-[q:QUALIFIES_FOR]->(campaign:Campaign)
    RETURN {campaign: campaign {.*}, grantedAt: q.grantedAt, grantedBy: q.grantedBy, reason: q.reason} AS grant
    ORDER BY q.grantedAt, campaign.campaignId
  },
  developmentTasks: COLLECT {
    MATCH (p)-[:HAS_DEVELOPMENT_TASK]->(t:DevelopmentTask)
    RETURN t {.taskId, .taskType, .status, .dueOn, .createdAt} AS task ORDER BY t.createdAt, t.taskId
  },
  incidents: COLLECT {
    MATCH (p)-[:HAS_INCIDENT]->(i:Incident)
    RETURN i {.incidentId, .incidentType, .status, .priority, .createdAt} AS incident ORDER BY i.createdAt, i.incidentId
  },
  contacts: COLLECT {
    MATCH (p)-[:HAS_CONTACT]->(pc:PlanContact)
    RETURN pc {.contactId, .contactType, .status, .scheduledAt} AS contact ORDER BY pc.scheduledAt, pc.contactId
  },
  insights: {
    heldProducts: COLLECT {
      MATCH (c)-[h:HOLDS]->(product:Product) WHERE h.status = 'ACTIVE'
      RETURN product {.productId, .name, .family, since: h.since,
                      suited: product.segments IS NULL OR coalesce(c.segment IN product.segments, false)} AS held
      ORDER BY product.productId
    },
    suitedProducts: COUNT { MATCH (product:Product)
                            WHERE product.segments IS NULL OR coalesce(c.segment IN product.segments, false) },
    lastProductProcessingAt: COLLECT {
      MATCH (c)-[:HAS_EVENT_LOG]->(:CustomerEventLog)-[:RECORDED]->(e:ProductProcessingEvent)
      RETURN e.occurredAt AS at ORDER BY at DESC LIMIT 1
    }[0],
    productProcessingLast90Days: COUNT {
      MATCH (c)-[:HAS_EVENT_LOG]->(:CustomerEventLog)-[:RECORDED]->(e:ProductProcessingEvent)
      WHERE now - duration({days: 90}) <= e.occurredAt <= now
    },
    creditRating: COLLECT {
      MATCH (c)-[:HAS_PROFILE]->(:PartyState)-[:HAS_INDICATOR]->(i:Indicator)-[:OF_TYPE]->(:IndicatorType {code: 'CREDIT_RATING'})
      WHERE i.validFrom <= now AND (i.validTo IS NULL OR now < i.validTo)
      RETURN i.value AS value ORDER BY i.validFrom DESC LIMIT 1
    }[0],
    valueTier: COLLECT {
      MATCH (c)-[:HAS_PROFILE]->(:PartyState)-[:HAS_INDICATOR]->(i:Indicator)-[:OF_TYPE]->(:IndicatorType {code: 'VALUE_TIER'})
      WHERE i.validFrom <= now AND (i.validTo IS NULL OR now < i.validTo)
      RETURN i.value AS value ORDER BY i.validFrom DESC LIMIT 1
    }[0]
  }
} AS plan
