// deals (unseeded): every deal, each with its acquirers, targets and the people it moved —
// what queries/deals.py runs when no acquirer, target or person is given (deals.cypher
// starts from that entity otherwise). Filters, sorting and the row shape are applied in
// Python, the same code the embedded store runs. Parameters: none used here.
MATCH (d:Deal)
CALL (d) { OPTIONAL MATCH (d)-[:ACQUIRER]->(a:Organization) RETURN collect(DISTINCT a) AS acquirers }
CALL (d) { OPTIONAL MATCH (d)-[:TARGET]->(t:Organization) RETURN collect(DISTINCT t) AS targets }
CALL (d) { OPTIONAL MATCH (d)-[:MOVED]->(p:Person) RETURN collect(DISTINCT p) AS people }
RETURN d, acquirers, targets, people
