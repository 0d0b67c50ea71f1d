// co_movers: deals that moved two or more people, with who moved together.
// Parameters: $person (node id or null: only deals that moved this person),
// $as_of (year or null). Embedded twin: talent_queries.co_movers.
// With $person, only the deals that moved that person, found through the Person id
// index; without, every deal.
CALL () {
  MATCH (d:Deal)-[:MOVED]->(:Person {id: $person})
  RETURN DISTINCT d
  UNION ALL
  WITH $person AS person WHERE person IS NULL
  MATCH (d:Deal)
  RETURN d
}
WITH d
WHERE $as_of IS NULL OR d.year <= $as_of
MATCH (d)-[:MOVED]->(p:Person)
WITH DISTINCT d, p
ORDER BY p.name
WITH d, collect(p.name) AS movers
WHERE size(movers) >= 2
MATCH (d)-[:ACQUIRER]->(acq:Organization)
WITH DISTINCT d, acq, movers
RETURN d.name AS deal, d.year AS year, acq.name AS acquirer, size(movers) AS people, movers
ORDER BY d.year, d.id, acq.id
