// The dispatcher finds offers that lapsed without reading every allocation.
CREATE INDEX allocation_offer_expires_at IF NOT EXISTS FOR (a:Allocation) ON (a.offerExpiresAt)
