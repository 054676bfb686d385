// Lead analytics read leads closed in a window (conversion per owner).
CREATE INDEX lead_closed_at IF NOT EXISTS FOR (n:Lead) ON (n.closedAt)
