// Live feeds read the servicing resources whose status changed since their cursor.
CREATE INDEX servicing_resource_status_since IF NOT EXISTS FOR (n:ServicingResource) ON (n.statusSince)
