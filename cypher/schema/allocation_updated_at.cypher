// Live feeds read the allocations changed since their cursor.
CREATE INDEX allocation_updated_at IF NOT EXISTS FOR (a:Allocation) ON (a.updatedAt)
