// describe: one entity and every relationship touching it, with the other ends; the
// document (properties with sources, disputes, connections grouped by type) is shaped by
// queries/describe.py from these records, the same code the embedded store runs.
// Parameters: $entity (node id), $source (a source id or null; applied in Python).
CALL () {
  MATCH (n:Person {id: $entity}) RETURN n UNION MATCH (n:Organization {id: $entity}) RETURN n
  UNION MATCH (n:Deal {id: $entity}) RETURN n UNION MATCH (n:Source {id: $entity}) RETURN n
}
OPTIONAL MATCH (n)-[r]-(m)
RETURN n, collect(r) AS relationships, collect(m) AS others
