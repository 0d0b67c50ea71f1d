// path: all shortest connections between two entities, ignoring direction and
// leaving Source nodes out. Parameters: $from, $to (node ids), $limit.
// Embedded twin: queries/paths.py. The hop limit is a literal because Cypher does not
// take parameters in variable-length bounds; callers filter longer paths.
MATCH (a {id: $from}), (b {id: $to})
MATCH p = allShortestPaths((a)-[*..8]-(b))
WHERE none(n IN nodes(p) WHERE n:Source)
RETURN p
LIMIT $limit
