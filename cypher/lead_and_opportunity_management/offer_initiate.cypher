// The hand-over to Customer Offer when a lead reaches OFFER_INITIATED:
// (lead)-[:INITIATED]->(:Offer {status: 'INITIATED'})-[:FOR_PRODUCT]->(product).
// Runs under the lead's lock, in the transaction that moves the lead.
// :param offer => ({leadId: 'LD-C0000001-1', offerId: 'OF-example', now: datetime(), by: 'me'});
MATCH (c:Customer)-[:HAS_LEAD]->(l:Lead {leadId: $offer.leadId})-[:FOR_PRODUCT]->(p:Product)
CREATE (l)-[:INITIATED]->(o:Offer {offerId: $offer.offerId, status: 'INITIATED', createdAt: $offer.now,
                                   createdBy: $offer.by, customerId: c.customerId, productId: p.productId})
       -[:FOR_PRODUCT]->(p)
RETURN o.offerId AS offerId
