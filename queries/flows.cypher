// flows: people moved by deals from target to acquirer, counted per pair of
// organizations ($level = 'organization') or of countries ($level = 'country'),
// largest flows first. People are heads: each named person once, plus what a deal's
// headcount adds beyond the people it names (graph.model.heads).
// Parameters: $level, $as_of (year or null). Embedded twin: deal_queries.flows.
MATCH (d:Deal)
WHERE $as_of IS NULL OR d.year <= $as_of
WITH d, [(d)-[:MOVED]->(p:Person) | p] AS moved
WITH d, moved, size(moved) AS named
WITH d, moved, CASE WHEN d.headcount > named THEN d.headcount - named ELSE 0 END AS unnamed
WHERE size(moved) > 0 OR unnamed > 0
MATCH (d)-[:TARGET]->(t:Organization)
MATCH (d)-[:ACQUIRER]->(a:Organization)
WITH DISTINCT d, moved, unnamed, t, a
WITH d, moved, unnamed,
     CASE WHEN $level = 'country' THEN t.country ELSE t.id END AS source_key,
     CASE WHEN $level = 'country' THEN a.country ELSE a.id END AS destination_key,
     CASE WHEN $level = 'country' THEN t.country ELSE t.name END AS source,
     CASE WHEN $level = 'country' THEN a.country ELSE a.name END AS destination
UNWIND CASE WHEN size(moved) = 0 THEN [null] ELSE moved END AS p
WITH source_key, destination_key, source, destination,
     count(DISTINCT p) AS named, count(DISTINCT d) AS deals, collect(DISTINCT {deal: d.id, unnamed: unnamed}) AS extras
WITH source, destination, source_key, destination_key, deals,
     named + reduce(total = 0, extra IN extras | total + extra.unnamed) AS people
RETURN source, destination, people, deals
ORDER BY people DESC, source_key, destination_key
