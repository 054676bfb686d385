// The queue (QUEUED allocations) and the live offers (PENDING) without scanning every allocation.
CREATE INDEX allocation_status IF NOT EXISTS FOR (a:Allocation) ON (a.status)
