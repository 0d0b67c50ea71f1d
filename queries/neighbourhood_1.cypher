// neighbourhood (depth 1): every entity within one relationship of an entity, either
// direction, by distance, then label, then id.
// Parameters: $entity (node id). Embedded twin: graph_queries.neighbourhood.
// What talentgraph runs for depth 1: neighbourhood.cypher with the search bound at 1
// (Cypher takes no parameter as a quantifier bound).
// Ids are unique across labels; each label's uniqueness index finds the entity, where an
// unlabelled {id: $entity} would read every node. `ANY SHORTEST` walks breadth first
// and reaches each node once, where enumerating every path of up to three steps from a
// hub (and then a shortest path to each node found) read tens of thousands of them.
CALL () {
  MATCH (a:Person {id: $entity}) RETURN a
  UNION ALL
  MATCH (a:Organization {id: $entity}) RETURN a
  UNION ALL
  MATCH (a:Deal {id: $entity}) RETURN a
  UNION ALL
  MATCH (a:Claim {id: $entity}) RETURN a
  UNION ALL
  MATCH (a:Source {id: $entity}) RETURN a
}
MATCH p = ANY SHORTEST (a)-[]-{1,1}(n)
WHERE n <> a
RETURN length(p) AS distance, n.id AS id, n.name AS name, labels(n)[0] AS label
ORDER BY distance, label, id
