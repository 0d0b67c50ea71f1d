// deals: the deals of one acquirer, target or person (found from it, through its label's
// id index), each with its acquirers, targets and the people it moved. Filters, sorting
// and the row shape are applied by queries/deals.py, the same code the embedded store runs.
// Parameters: $acquirer, $target, $person (node ids or null; the first one given seeds
// the search); the others are applied in Python. With none of them, queries/deals.py runs
// deals_all.cypher instead, so this plan holds no label scan.
CALL () {
  MATCH (d:Deal)-[:ACQUIRER]->(:Organization {id: $acquirer}) RETURN d
  UNION
  MATCH (d:Deal)-[:TARGET]->(:Organization {id: $target}) WHERE $acquirer IS NULL RETURN d
  UNION
  MATCH (d:Deal)-[:MOVED]->(:Person {id: $person}) WHERE $acquirer IS NULL AND $target IS NULL RETURN d
}
WITH DISTINCT d
CALL (d) { OPTIONAL MATCH (d)-[:ACQUIRER]->(a:Organization) RETURN collect(DISTINCT a) AS acquirers }
CALL (d) { OPTIONAL MATCH (d)-[:TARGET]->(t:Organization) RETURN collect(DISTINCT t) AS targets }
CALL (d) { OPTIONAL MATCH (d)-[:MOVED]->(p:Person) RETURN collect(DISTINCT p) AS people }
RETURN d, acquirers, targets, people
