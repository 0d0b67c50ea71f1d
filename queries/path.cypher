// path: all shortest connections between two entities, ignoring direction.
// Parameters: $from, $to (node ids), $max_hops (1..20), $types (list of relationship
// types, or null for all). Embedded twin: queries/paths.py.
// Cypher takes no parameter as a variable-length bound, so the search stops at the
// literal 20 and $max_hops filters below it. Every parallel relationship shows up in
// some returned path; talentgraph keeps the lowest (type, key) per step and the first
// $limit paths in node-id order — in the Browser, add `LIMIT $limit` to see a sample.
MATCH (a {id: $from}), (b {id: $to})
WHERE a <> b
MATCH p = allShortestPaths((a)-[*..20]-(b))
WHERE length(p) <= $max_hops
  AND ($types IS NULL OR all(r IN relationships(p) WHERE type(r) IN $types))
RETURN nodes(p) AS nodes, relationships(p) AS relationships
UNION ALL
MATCH (a {id: $from})
WHERE $from = $to
RETURN [a] AS nodes, [] AS relationships
