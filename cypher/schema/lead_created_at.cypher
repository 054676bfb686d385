// Lead analytics read leads captured in a window (funnel, portfolio).
CREATE INDEX lead_created_at IF NOT EXISTS FOR (n:Lead) ON (n.createdAt)
