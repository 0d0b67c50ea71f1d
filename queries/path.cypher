// path: all shortest connections between two entities, ignoring direction.
// Parameters: $from, $to (node ids), $max_hops (1..20), $types (list of relationship
// types, or null for all but ABOUT: a claim is no connection). Embedded twin: queries/paths.py.
// Cypher takes no parameter as a variable-length bound, so the search stops at the
// literal 20 and $max_hops filters below it. Every parallel relationship shows up in
// some returned path; talentgraph keeps the lowest (type, key) per step and the first
// $limit paths in node-id order — in the Browser, add `LIMIT $limit` to see a sample.
// Ends are found through each label's uniqueness index (ids are unique across labels);
// an unlabelled {id: ...} match would read every node.
CALL () {
  MATCH (a:Person {id: $from}) RETURN a
  UNION ALL MATCH (a:Organization {id: $from}) RETURN a
  UNION ALL MATCH (a:Deal {id: $from}) RETURN a
  UNION ALL MATCH (a:Source {id: $from}) RETURN a
}
CALL () {
  MATCH (b:Person {id: $to}) RETURN b
  UNION ALL MATCH (b:Organization {id: $to}) RETURN b
  UNION ALL MATCH (b:Deal {id: $to}) RETURN b
  UNION ALL MATCH (b:Source {id: $to}) RETURN b
}
WITH a, b
WHERE a <> b
MATCH p = allShortestPaths((a)-[*..20]-(b))
WHERE all(r IN relationships(p) WHERE CASE WHEN $types IS NULL THEN type(r) <> 'ABOUT' ELSE type(r) IN $types END)
// filtering the length after the search, not inside it: a length predicate inside makes
// Neo4j fall back to an exhaustive search when the shortest path is too long
WITH p
WHERE length(p) <= $max_hops
RETURN nodes(p) AS nodes, relationships(p) AS relationships
UNION ALL
CALL () {
  MATCH (a:Person {id: $from}) RETURN a
  UNION ALL MATCH (a:Organization {id: $from}) RETURN a
  UNION ALL MATCH (a:Deal {id: $from}) RETURN a
  UNION ALL MATCH (a:Source {id: $from}) RETURN a
}
WITH a
WHERE $from = $to
RETURN [a] AS nodes, [] AS relationships
