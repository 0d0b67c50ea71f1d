// deals_by_year: per year and deal kind — talent acquisitions (acquihire,
// licence_and_hire) vs asset purchases (acquisition) vs stakes vs hires — how many
// deals, how many completed or failed (failed, rejected, abandoned), the completed
// amount in US dollars and the number of people moved: heads, a deal's headcount when
// it names fewer people than it moved (graph.model.heads).
// Parameters: $kind (deal kind or null), $as_of (year or null).
// Embedded twin: deal_queries.deals_by_year.
MATCH (d:Deal)
WHERE ($kind IS NULL OR d.kind = $kind) AND ($as_of IS NULL OR d.year <= $as_of)
WITH d, COUNT { (d)-[:MOVED]->(:Person) } AS moved
RETURN d.year AS year, d.kind AS kind,
       CASE d.kind
         WHEN 'acquisition' THEN 'asset purchase'
         WHEN 'acquihire' THEN 'talent acquisition'
         WHEN 'licence_and_hire' THEN 'talent acquisition'
         WHEN 'stake' THEN 'stake'
         WHEN 'hire' THEN 'hire'
         WHEN 'merger' THEN 'merger'
       END AS category,
       count(d) AS deals,
       count(CASE WHEN d.status = 'completed' THEN 1 END) AS completed,
       count(CASE WHEN d.status IN ['failed', 'rejected', 'abandoned'] THEN 1 END) AS failed,
       sum(CASE WHEN d.status = 'completed' THEN d.amount_usd END) AS completed_usd,
       sum(CASE WHEN d.headcount > moved THEN d.headcount ELSE moved END) AS people
ORDER BY year, kind
