// Lists relationship managers and specialists by kind.
CREATE INDEX servicing_resource_kind IF NOT EXISTS FOR (n:ServicingResource) ON (n.kind)
