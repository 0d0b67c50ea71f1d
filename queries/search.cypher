// search: the candidates of a text search — the text properties of every node, and of
// every relationship that carries text — which queries/search.py scores and ranks, the
// same code the embedded store runs. Parameters: $text, $label, $source, $limit (applied
// in Python). The full-text index talentgraph_text (see ensure_schema) can narrow this later.
MATCH (n)
RETURN n.id AS id, labels(n)[0] AS label, null AS start, null AS end, null AS start_name, null AS end_name,
       n {.name, .aliases, .title, .text, .statement, .summary, .note, .evidence, .source_ids, .locators} AS fields
UNION ALL
MATCH (a)-[r]->(b)
WHERE r.summary IS NOT NULL OR r.note IS NOT NULL OR r.evidence IS NOT NULL OR r.text IS NOT NULL
RETURN null AS id, type(r) AS label, a.id AS start, b.id AS end, a.name AS start_name, b.name AS end_name,
       r {.title, .text, .statement, .summary, .note, .evidence, .source_ids, .locators, .key} AS fields
