"""HTTP controllers, one module per resource: parse, call a service, return a schema."""
