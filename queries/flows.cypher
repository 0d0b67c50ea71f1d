// flows: people moved by deals from target to acquirer, counted per pair of
// organizations ($level = 'organization') or of countries ($level = 'country'),
// largest flows first. Parameters: $level, $as_of (year or null).
// Embedded twin: deal_queries.flows.
MATCH (d:Deal)-[:MOVED]->(p:Person)
WHERE $as_of IS NULL OR d.year <= $as_of
MATCH (d)-[:TARGET]->(t:Organization)
MATCH (d)-[:ACQUIRER]->(a:Organization)
WITH DISTINCT d, p, t, a
WITH d, p,
     CASE WHEN $level = 'country' THEN t.country ELSE t.id END AS source_key,
     CASE WHEN $level = 'country' THEN a.country ELSE a.id END AS destination_key,
     CASE WHEN $level = 'country' THEN t.country ELSE t.name END AS source,
     CASE WHEN $level = 'country' THEN a.country ELSE a.name END AS destination
WITH source_key, destination_key, source, destination,
     count(DISTINCT p) AS people, count(DISTINCT d) AS deals
RETURN source, destination, people, deals
ORDER BY people DESC, source_key, destination_key
