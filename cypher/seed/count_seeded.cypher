// How many customers and servicing resources the graph holds: seeding refuses a graph that has any.
CALL () { MATCH (c:Customer) RETURN count(c) AS customers }
CALL () { MATCH (r:ServicingResource) RETURN count(r) AS resources }
RETURN customers, resources
