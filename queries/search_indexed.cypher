// search (index-backed): the candidates of a text search from the full-text indexes
// talentgraph_text (nodes) and talentgraph_rel_text (relationships) that ensure_schema
// creates; queries/search.py ranks them, the same code the embedded store runs.
// Parameters: $lucene (the index query queries/search.py lucene_query builds from the
// text, e.g. '*zucker* AND "张小龙"'); $text, $label, $source, $limit are applied in Python.
// Used when lucene_query can express the text; search.cypher scans otherwise.
CALL db.index.fulltext.queryNodes('talentgraph_text', $lucene) YIELD node AS n
RETURN n.id AS id, labels(n)[0] AS label, null AS start, null AS end, null AS start_name, null AS end_name,
       n {.name, .aliases, .title, .text, .statement, .summary, .note, .evidence, .source_ids, .locators} AS fields
UNION ALL
CALL db.index.fulltext.queryRelationships('talentgraph_rel_text', $lucene) YIELD relationship AS r
WITH r, startNode(r) AS a, endNode(r) AS b
RETURN null AS id, type(r) AS label, a.id AS start, b.id AS end, a.name AS start_name, b.name AS end_name,
       r {.title, .text, .statement, .summary, .note, .evidence, .source_ids, .locators, .key} AS fields
