// co_movers: deals that moved two or more people — heads: a group's headcount counts
// when the deal names fewer — with the named people who moved together.
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
OPTIONAL MATCH (d)-[:MOVED]->(p:Person)
WITH DISTINCT d, p
ORDER BY p.name
WITH d, collect(p.name) AS movers
WITH d, movers, CASE WHEN d.headcount > size(movers) THEN d.headcount ELSE size(movers) END AS people
WHERE people >= 2
MATCH (d)-[:ACQUIRER]->(acq:Organization)
WITH DISTINCT d, acq, movers, people
RETURN d.name AS deal, d.year AS year, acq.name AS acquirer, people, movers
ORDER BY d.year, d.id, acq.id
