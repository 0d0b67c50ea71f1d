// shopping_cart: an acquirer's deals in year order — kind, status, amount as stated,
// stake, people who came with them — then totals per currency for completed deals and
// for attempted ones (every other status). Deals without an amount add to no total.
// Parameters: $acquirer (node id), $as_of (year or null).
// Embedded twin: deal_queries.shopping_cart.
CALL () {
  MATCH (d:Deal)-[:ACQUIRER]->(:Organization {id: $acquirer})
  WHERE $as_of IS NULL OR d.year <= $as_of
  WITH DISTINCT d
  OPTIONAL MATCH (d)-[:MOVED]->(p:Person)
  WITH DISTINCT d, p
  ORDER BY p.name
  WITH d, collect(p.name) AS people
  RETURN 0 AS section, d.year AS sort_year, d.id AS sort_key,
         d.name AS deal, d.kind AS kind, d.status AS status, d.year AS year, d.amount AS amount,
         d.currency AS currency, d.stake_pct AS stake_pct, people
  UNION ALL
  MATCH (d:Deal)-[:ACQUIRER]->(:Organization {id: $acquirer})
  WHERE ($as_of IS NULL OR d.year <= $as_of) AND d.amount IS NOT NULL
  WITH DISTINCT d
  WITH CASE WHEN d.status = 'completed' THEN 'completed' ELSE 'attempted' END AS outcome,
       d.currency AS currency, sum(d.amount) AS amount
  RETURN CASE outcome WHEN 'completed' THEN 1 ELSE 2 END AS section, null AS sort_year, currency AS sort_key,
         'total ' + outcome AS deal, null AS kind, outcome AS status, null AS year, amount,
         currency, null AS stake_pct, [] AS people
}
RETURN deal, kind, status, year, amount, currency, stake_pct, people
ORDER BY section, sort_year, sort_key
