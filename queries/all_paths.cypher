// all_paths: the part of the graph where every simple path of at most $max_hops
// relationships between two entities lies — each such path keeps within
// floor($max_hops / 2) relationships of one of its ends — for talentgraph to enumerate
// the paths on (the embedded twin, queries/simple_paths.py, runs the same search on
// what this returns, so both stores give the same paths, shortest first).
// Parameters: $from, $to (node ids), $max_hops (1..10), $types (relationship types, or
// null for all but ABOUT: a claim is no connection); $via, $mode and $limit are applied
// by talentgraph to the returned subgraph.
// Cypher takes no parameter as a variable-length bound: one branch per radius, each
// expanding to distinct nodes only (breadth-first, not path by path), switched on by
// $max_hops (only the branch of radius $max_hops / 2 runs). Ends are found through
// each label's uniqueness index.
CALL () {
  MATCH (a:Person {id: $from}) RETURN a
  UNION ALL MATCH (a:Organization {id: $from}) RETURN a
  UNION ALL MATCH (a:Deal {id: $from}) RETURN a
  UNION ALL MATCH (a:Claim {id: $from}) RETURN a
}
CALL () {
  MATCH (b:Person {id: $to}) RETURN b
  UNION ALL MATCH (b:Organization {id: $to}) RETURN b
  UNION ALL MATCH (b:Deal {id: $to}) RETURN b
  UNION ALL MATCH (b:Claim {id: $to}) RETURN b
}
CALL (a, b) {
  RETURN a AS v
  UNION
  RETURN b AS v
  UNION
  WITH a WHERE $max_hops / 2 = 1
  MATCH (a)-[rs*1..1]-(v)
  WHERE all(r IN rs WHERE CASE WHEN $types IS NULL THEN type(r) <> 'ABOUT' ELSE type(r) IN $types END)
  RETURN DISTINCT v
  UNION
  WITH a WHERE $max_hops / 2 = 2
  MATCH (a)-[rs*1..2]-(v)
  WHERE all(r IN rs WHERE CASE WHEN $types IS NULL THEN type(r) <> 'ABOUT' ELSE type(r) IN $types END)
  RETURN DISTINCT v
  UNION
  WITH a WHERE $max_hops / 2 = 3
  MATCH (a)-[rs*1..3]-(v)
  WHERE all(r IN rs WHERE CASE WHEN $types IS NULL THEN type(r) <> 'ABOUT' ELSE type(r) IN $types END)
  RETURN DISTINCT v
  UNION
  WITH a WHERE $max_hops / 2 = 4
  MATCH (a)-[rs*1..4]-(v)
  WHERE all(r IN rs WHERE CASE WHEN $types IS NULL THEN type(r) <> 'ABOUT' ELSE type(r) IN $types END)
  RETURN DISTINCT v
  UNION
  WITH a WHERE $max_hops / 2 = 5
  MATCH (a)-[rs*1..5]-(v)
  WHERE all(r IN rs WHERE CASE WHEN $types IS NULL THEN type(r) <> 'ABOUT' ELSE type(r) IN $types END)
  RETURN DISTINCT v
  UNION
  WITH b WHERE $max_hops / 2 = 1
  MATCH (b)-[rs*1..1]-(v)
  WHERE all(r IN rs WHERE CASE WHEN $types IS NULL THEN type(r) <> 'ABOUT' ELSE type(r) IN $types END)
  RETURN DISTINCT v
  UNION
  WITH b WHERE $max_hops / 2 = 2
  MATCH (b)-[rs*1..2]-(v)
  WHERE all(r IN rs WHERE CASE WHEN $types IS NULL THEN type(r) <> 'ABOUT' ELSE type(r) IN $types END)
  RETURN DISTINCT v
  UNION
  WITH b WHERE $max_hops / 2 = 3
  MATCH (b)-[rs*1..3]-(v)
  WHERE all(r IN rs WHERE CASE WHEN $types IS NULL THEN type(r) <> 'ABOUT' ELSE type(r) IN $types END)
  RETURN DISTINCT v
  UNION
  WITH b WHERE $max_hops / 2 = 4
  MATCH (b)-[rs*1..4]-(v)
  WHERE all(r IN rs WHERE CASE WHEN $types IS NULL THEN type(r) <> 'ABOUT' ELSE type(r) IN $types END)
  RETURN DISTINCT v
  UNION
  WITH b WHERE $max_hops / 2 = 5
  MATCH (b)-[rs*1..5]-(v)
  WHERE all(r IN rs WHERE CASE WHEN $types IS NULL THEN type(r) <> 'ABOUT' ELSE type(r) IN $types END)
  RETURN DISTINCT v
}
WITH collect(v) AS ball
UNWIND ball AS x
OPTIONAL MATCH (x)-[r]->(y)
WHERE y IN ball AND CASE WHEN $types IS NULL THEN type(r) <> 'ABOUT' ELSE type(r) IN $types END
RETURN ball AS nodes, collect(r) AS relationships
