// neighbourhood: every entity within $depth relationships of an entity, either
// direction, by distance, then label, then id.
// Parameters: $entity (node id), $depth (1..3). Cypher takes no parameter as a
// variable-length bound, so the search stops at the literal 3 and $depth filters.
// Embedded twin: graph_queries.neighbourhood.
// Ids are unique across labels; each label's uniqueness index finds the entity, where an
// unlabelled {id: $entity} would read every node.
CALL () {
  MATCH (a:Person {id: $entity}) RETURN a
  UNION ALL
  MATCH (a:Organization {id: $entity}) RETURN a
  UNION ALL
  MATCH (a:Deal {id: $entity}) RETURN a
  UNION ALL
  MATCH (a:Source {id: $entity}) RETURN a
}
MATCH (a)-[*1..3]-(n)
WHERE n <> a
WITH DISTINCT a, n
MATCH p = shortestPath((a)-[*..3]-(n))
WITH n, length(p) AS distance
WHERE distance <= $depth
RETURN distance, n.id AS id, n.name AS name, labels(n)[0] AS label
ORDER BY distance, label, id
