// Funnels and ageing read leads by status.
CREATE INDEX lead_status IF NOT EXISTS FOR (n:Lead) ON (n.status)
