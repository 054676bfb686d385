// Each given customer's routing profile (PartyState) with its monitoring settings, its review
// requests, every indicator it ever held, current and closed, and the policy flags of each
// indicator's type.
// category is the indicator's BIAN behaviour qualifier (its label besides Indicator), upper-cased like IndicatorType.kind.
// :param customerIds => ['C0000001', 'C0000002'];
UNWIND $customerIds AS customerId
MATCH (:Customer {customerId: customerId})-[:HAS_PROFILE]->(ps:PartyState)
RETURN customerId,
       ps {.partyStateId, .createdAt, .createdBy, .updatedAt, .updatedBy, .nextReviewDue, .note, .version,
           customerId: customerId,
           reviewRequests: [(ps)-[:HAS_REVIEW_REQUEST]->(r:ProfileReviewRequest) |
             r {.reviewRequestId, .reason, .status, .requestedAt, .requestedBy, .completedAt, .completedBy, .outcome}],
           indicators: [(ps)-[:HAS_INDICATOR]->(i:Indicator)-[:OF_TYPE]->(t:IndicatorType) |
             i {.indicatorId, .type, .value, .narrative, .validFrom, .validTo, .capturedAt, .source, .capturedBy,
                .closedAt, .closedBy,
                category: toUpper([label IN labels(i) WHERE label IN ['Status', 'Rating', 'Alert']][0]),
                confidential: coalesce(t.confidential, false)}]} AS partyState
