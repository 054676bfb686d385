// Routing looks up resources by availability.
CREATE INDEX servicing_resource_status IF NOT EXISTS FOR (n:ServicingResource) ON (n.status)
