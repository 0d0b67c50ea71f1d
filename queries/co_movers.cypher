// co_movers: deals that moved two or more people, with who moved together.
// Parameters: $person (node id or null: only deals that moved this person),
// $as_of (year or null). Embedded twin: talent_queries.co_movers.
MATCH (d:Deal)-[:MOVED]->(p:Person)
WHERE $as_of IS NULL OR d.year <= $as_of
WITH DISTINCT d, p
ORDER BY p.name
WITH d, collect(p.name) AS movers, collect(p.id) AS ids
WHERE size(ids) >= 2 AND ($person IS NULL OR $person IN ids)
MATCH (d)-[:ACQUIRER]->(acq:Organization)
WITH DISTINCT d, acq, movers
RETURN d.name AS deal, d.year AS year, acq.name AS acquirer, size(movers) AS people, movers
ORDER BY d.year, d.id, acq.id
