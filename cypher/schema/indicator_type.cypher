// Portfolio make-up counts indicators by type.
CREATE INDEX indicator_type IF NOT EXISTS FOR (n:Indicator) ON (n.type)
