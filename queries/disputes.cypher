// disputes: every fact two sources state differently, one row per value and source.
// Parameters: $field (a property name, or null for all). Embedded twin: queries/disputes.py.
MATCH (n)
WHERE size(coalesce(n.disputed_fields, [])) > 0
UNWIND range(0, size(n.disputed_fields) - 1) AS i
WITH n, i
WHERE $field IS NULL OR n.disputed_fields[i] = $field
RETURN n.id AS id, n.name AS name, labels(n)[0] AS label, n.disputed_fields[i] AS field,
       n[n.disputed_fields[i]] AS current, n.disputed_values[i] AS value,
       n.disputed_sources[i] AS source, n.disputed_locators[i] AS locator, n.disputed_notes[i] AS note
ORDER BY id, field, i
