-- (b) fuzzy search, as the API runs it: (1) correct each word of the query against search_words, (2) match
-- rows holding every word (as typed or corrected) through the trigram index, sort by name. The query words come
-- from bench_terms (the same terms.tsv the HTTP load uses, split like the API splits them: on spaces and
-- punctuation, words under 3 letters dropped); \gset costs one extra, trivial round trip. (1) returns the LIKE
-- patterns as arrays, which the API builds in C# from its rows.
\set lim 51
\set r random(1, :nterms)
SELECT nw, w1, w2 FROM bench_terms WHERE n = :r \gset
WITH c AS (
  SELECT q.w AS term, c.word
  FROM unnest(ARRAY[:w1, :w2]::text[]) AS q(w)
  CROSS JOIN LATERAL (
      SELECT word, s, max(s) OVER () AS best
      FROM (SELECT word, similarity(word, q.w) AS s FROM search_words
            WHERE word % q.w AND strpos(word, q.w) = 0
            ORDER BY word <-> q.w LIMIT 6) AS nearest) AS c
  WHERE c.s >= c.best - 0.1 AND NOT EXISTS (SELECT 1 FROM search_words AS known WHERE known.word = q.w))
SELECT (SELECT array_agg('%' || x || '%')::text FROM (SELECT :w1 AS x UNION ALL SELECT word FROM c WHERE term = :w1) a) AS p1,
       (SELECT array_agg('%' || x || '%')::text FROM (SELECT :w2 AS x UNION ALL SELECT word FROM c WHERE term = :w2) b) AS p2 \gset
\if :nw = 1
SELECT c0.id, c0.kind, c0.name, c0.email, c0.phone, c0.website, c0.type, c0.lifecycle_stage, c0.owner_id, c0.tags::text[], c0.external_id, c0.custom_fields, c0.archived_at, c0.created_at, c0.updated_at, c0.address_line1 IS NULL AND c0.address_line2 IS NULL AND c0.address_city IS NULL AND c0.address_region IS NULL AND c0.address_postal_code IS NULL AND c0.address_country IS NULL, c0.address_line1, c0.address_line2, c0.address_city, c0.address_region, c0.address_postal_code, c0.address_country FROM (SELECT c.id, c.address_city, c.address_country, c.address_line1, c.address_line2, c.address_postal_code, c.address_region, c.archived_at, c.created_at, c.custom_fields, c.email, c.external_id, c.kind, c.lifecycle_stage, c.name, c.owner_id, c.phone, c.tags, c.type, c.updated_at, c.website FROM customers AS c WHERE c.archived_at IS NULL AND c.search_text LIKE ANY (:p1::text[]) OFFSET 0) AS c0 ORDER BY c0.name, c0.id LIMIT :lim;
\else
SELECT c0.id, c0.kind, c0.name, c0.email, c0.phone, c0.website, c0.type, c0.lifecycle_stage, c0.owner_id, c0.tags::text[], c0.external_id, c0.custom_fields, c0.archived_at, c0.created_at, c0.updated_at, c0.address_line1 IS NULL AND c0.address_line2 IS NULL AND c0.address_city IS NULL AND c0.address_region IS NULL AND c0.address_postal_code IS NULL AND c0.address_country IS NULL, c0.address_line1, c0.address_line2, c0.address_city, c0.address_region, c0.address_postal_code, c0.address_country FROM (SELECT c.id, c.address_city, c.address_country, c.address_line1, c.address_line2, c.address_postal_code, c.address_region, c.archived_at, c.created_at, c.custom_fields, c.email, c.external_id, c.kind, c.lifecycle_stage, c.name, c.owner_id, c.phone, c.tags, c.type, c.updated_at, c.website FROM customers AS c WHERE c.archived_at IS NULL AND c.search_text LIKE ANY (:p1::text[]) AND c.search_text LIKE ANY (:p2::text[]) OFFSET 0) AS c0 ORDER BY c0.name, c0.id LIMIT :lim;
\endif
