-- (b) fuzzy search, as the API runs it for a query of plain words (CustomerSearch, SearchQuery):
--   (1) each word's corrections and the listed words containing it -> its posting keys;
--   (2) two words: count each word's postings (up to 1000 per key); the rarer word drives, or, when both are
--       common, the postings of both are intersected;
--   (3) the driver's customers in name order from the postings, one batch of 63 (a page of 50, one more, and
--       a quarter over for the rows the page read drops), each checked against the other word in the postings;
--       one word: its postings in name order (1, 4 or 16 ordered scans, s1) joined to the customers table up to
--       the page, read in the same statement, as the API's PageOfWordAsync sends it; past 16 keys a batch of 63;
--       when both words are common, each word's postings in name order (one ordered scan per key, 1, 4 or 16
--       scans as the API rounds up; s1, s2) merge-joined up to the 63rd match, or hashed whole past 16 keys;
--       when one word is rare, its postings in name order (ds scans) checked against the other's until 63 pass,
--       or past 16 keys a batch of 63 candidates checked;
--   (4) the page: those customers read by id, with the filters (not for one word of up to 16 keys, read in (3)).
-- The API reads further batches when the first yields fewer than 51 rows; this script stops after one.
-- Terms come from bench_terms (the same terms.tsv the HTTP load uses, split as the API splits them); \gset
-- costs one extra, trivial round trip. Arrays travel as text, which the API sends as parameters.
\set r random(1, :nterms)
SELECT nw, w1, w2 FROM bench_terms WHERE n = :r \gset
WITH f AS (
  SELECT q.w AS term, c.word
  FROM (VALUES (:w1), (:w2)) AS q(w)
  CROSS JOIN LATERAL (
      SELECT word, s, max(s) OVER () AS best
      FROM (SELECT word, similarity(word, q.w) AS s FROM search_words
            WHERE word % q.w AND strpos(word, q.w) = 0 AND NOT EXISTS (SELECT 1 FROM search_words AS known WHERE known.word = q.w)
            ORDER BY word <-> q.w LIMIT 6) AS nearest) AS c
  WHERE c.s >= c.best - 0.1
  UNION ALL
  SELECT q.w, c.word
  FROM (VALUES (:w1), (:w2)) AS q(w)
  CROSS JOIN LATERAL (SELECT word FROM search_words WHERE word LIKE '%' || q.w || '%' LIMIT 101) AS c)
SELECT k1::text, k2::text,
       CASE WHEN cardinality(k1) <= 1 THEN 1 WHEN cardinality(k1) <= 4 THEN 4 WHEN cardinality(k1) <= 16 THEN 16 ELSE 0 END AS s1,
       CASE WHEN cardinality(k2) <= 1 THEN 1 WHEN cardinality(k2) <= 4 THEN 4 WHEN cardinality(k2) <= 16 THEN 16 ELSE 0 END AS s2 FROM (
SELECT (SELECT array_agg(DISTINCT x) FROM (SELECT :w1 AS x UNION ALL SELECT word FROM f WHERE term = :w1) a) AS k1,
       (SELECT array_agg(DISTINCT x) FROM (SELECT :w2 AS x UNION ALL SELECT word FROM f WHERE term = :w2) b) AS k2) k \gset
\set c1 0
\set c2 0
\if :nw = 2
SELECT coalesce(max(CASE WHEN i = 0 THEN n END), 0) AS c1, coalesce(max(CASE WHEN i = 1 THEN n END), 0) AS c2 FROM (
  SELECT k.i, count(*)::int AS n
  FROM unnest(array_fill(0, ARRAY[cardinality(:k1::text[])]) || array_fill(1, ARRAY[cardinality(:k2::text[])]), :k1::text[] || :k2::text[]) AS k(i, word)
  CROSS JOIN LATERAL (SELECT 1 FROM customer_search AS p WHERE p.word = k.word LIMIT 1000) AS x
  GROUP BY k.i) t \gset
\endif
\set ds case when :c1 <= :c2 then :s1 else :s2 end
\if :nw = 1 and :s1 = 1
SELECT DISTINCT ON (a.name, a.id) c.id, c.kind, c.name, c.email, c.phone, c.website, c.type, c.lifecycle_stage, c.owner_id, NULLIF(c.tags, '{}'), c.external_id, NULLIF(c.custom_fields, '{}'), c.archived_at, c.created_at, c.updated_at, c.address_line1, c.address_line2, c.address_city, c.address_region, c.address_postal_code, c.address_country
FROM ((SELECT name, id FROM customer_search WHERE word = (:k1::text[])[1] ORDER BY name ASC, id ASC)) AS a
JOIN customers AS c ON c.id = a.id
WHERE c.archived_at IS NULL
ORDER BY a.name ASC, a.id ASC
LIMIT 51;
\elif :nw = 1 and :s1 = 4
SELECT DISTINCT ON (a.name, a.id) c.id, c.kind, c.name, c.email, c.phone, c.website, c.type, c.lifecycle_stage, c.owner_id, NULLIF(c.tags, '{}'), c.external_id, NULLIF(c.custom_fields, '{}'), c.archived_at, c.created_at, c.updated_at, c.address_line1, c.address_line2, c.address_city, c.address_region, c.address_postal_code, c.address_country
FROM ((SELECT name, id FROM customer_search WHERE word = (:k1::text[])[1] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[2] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[3] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[4] ORDER BY name ASC, id ASC)) AS a
JOIN customers AS c ON c.id = a.id
WHERE c.archived_at IS NULL
ORDER BY a.name ASC, a.id ASC
LIMIT 51;
\elif :nw = 1 and :s1 = 16
SELECT DISTINCT ON (a.name, a.id) c.id, c.kind, c.name, c.email, c.phone, c.website, c.type, c.lifecycle_stage, c.owner_id, NULLIF(c.tags, '{}'), c.external_id, NULLIF(c.custom_fields, '{}'), c.archived_at, c.created_at, c.updated_at, c.address_line1, c.address_line2, c.address_city, c.address_region, c.address_postal_code, c.address_country
FROM ((SELECT name, id FROM customer_search WHERE word = (:k1::text[])[1] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[2] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[3] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[4] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[5] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[6] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[7] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[8] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[9] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[10] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[11] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[12] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[13] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[14] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[15] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[16] ORDER BY name ASC, id ASC)) AS a
JOIN customers AS c ON c.id = a.id
WHERE c.archived_at IS NULL
ORDER BY a.name ASC, a.id ASC
LIMIT 51;
\elif :nw = 1
SELECT coalesce(array_agg(id)::text, '{}') AS ids FROM (
  SELECT name, id, matched, scanned FROM (
    SELECT b.name, b.id, true AS matched, row_number() OVER (ORDER BY b.name ASC, b.id ASC) AS n, count(*) OVER () AS scanned
    FROM (SELECT DISTINCT x.name, x.id FROM unnest(:k1::text[]) AS k(word)
          CROSS JOIN LATERAL (SELECT p.name, p.id FROM customer_search AS p WHERE p.word = k.word
                              ORDER BY p.name ASC, p.id ASC LIMIT 63) AS x
          ORDER BY x.name ASC, x.id ASC LIMIT 63) AS b) AS r
  WHERE matched OR n = scanned ORDER BY name ASC, id ASC) s WHERE matched \gset
\elif :c1 >= 1000 and :c2 >= 1000 and :s1 = 1 and :s2 = 1
SELECT coalesce(array_agg(id)::text, '{}') AS ids FROM (
  SELECT name, id, true AS matched, count(*) OVER () AS scanned FROM (
    SELECT DISTINCT a.name, a.id
    FROM ((SELECT name, id FROM customer_search WHERE word = (:k1::text[])[1] ORDER BY name ASC, id ASC)) AS a
    JOIN ((SELECT name, id FROM customer_search WHERE word = (:k2::text[])[1] ORDER BY name ASC, id ASC)) AS b ON b.name = a.name AND b.id = a.id
    ORDER BY a.name ASC, a.id ASC LIMIT 63) AS m
  ORDER BY name ASC, id ASC) s WHERE matched \gset
\elif :c1 >= 1000 and :c2 >= 1000 and :s1 = 1 and :s2 = 4
SELECT coalesce(array_agg(id)::text, '{}') AS ids FROM (
  SELECT name, id, true AS matched, count(*) OVER () AS scanned FROM (
    SELECT DISTINCT a.name, a.id
    FROM ((SELECT name, id FROM customer_search WHERE word = (:k1::text[])[1] ORDER BY name ASC, id ASC)) AS a
    JOIN ((SELECT name, id FROM customer_search WHERE word = (:k2::text[])[1] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[2] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[3] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[4] ORDER BY name ASC, id ASC)) AS b ON b.name = a.name AND b.id = a.id
    ORDER BY a.name ASC, a.id ASC LIMIT 63) AS m
  ORDER BY name ASC, id ASC) s WHERE matched \gset
\elif :c1 >= 1000 and :c2 >= 1000 and :s1 = 1 and :s2 = 16
SELECT coalesce(array_agg(id)::text, '{}') AS ids FROM (
  SELECT name, id, true AS matched, count(*) OVER () AS scanned FROM (
    SELECT DISTINCT a.name, a.id
    FROM ((SELECT name, id FROM customer_search WHERE word = (:k1::text[])[1] ORDER BY name ASC, id ASC)) AS a
    JOIN ((SELECT name, id FROM customer_search WHERE word = (:k2::text[])[1] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[2] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[3] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[4] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[5] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[6] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[7] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[8] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[9] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[10] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[11] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[12] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[13] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[14] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[15] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[16] ORDER BY name ASC, id ASC)) AS b ON b.name = a.name AND b.id = a.id
    ORDER BY a.name ASC, a.id ASC LIMIT 63) AS m
  ORDER BY name ASC, id ASC) s WHERE matched \gset
\elif :c1 >= 1000 and :c2 >= 1000 and :s1 = 4 and :s2 = 1
SELECT coalesce(array_agg(id)::text, '{}') AS ids FROM (
  SELECT name, id, true AS matched, count(*) OVER () AS scanned FROM (
    SELECT DISTINCT a.name, a.id
    FROM ((SELECT name, id FROM customer_search WHERE word = (:k1::text[])[1] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[2] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[3] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[4] ORDER BY name ASC, id ASC)) AS a
    JOIN ((SELECT name, id FROM customer_search WHERE word = (:k2::text[])[1] ORDER BY name ASC, id ASC)) AS b ON b.name = a.name AND b.id = a.id
    ORDER BY a.name ASC, a.id ASC LIMIT 63) AS m
  ORDER BY name ASC, id ASC) s WHERE matched \gset
\elif :c1 >= 1000 and :c2 >= 1000 and :s1 = 4 and :s2 = 4
SELECT coalesce(array_agg(id)::text, '{}') AS ids FROM (
  SELECT name, id, true AS matched, count(*) OVER () AS scanned FROM (
    SELECT DISTINCT a.name, a.id
    FROM ((SELECT name, id FROM customer_search WHERE word = (:k1::text[])[1] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[2] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[3] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[4] ORDER BY name ASC, id ASC)) AS a
    JOIN ((SELECT name, id FROM customer_search WHERE word = (:k2::text[])[1] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[2] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[3] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[4] ORDER BY name ASC, id ASC)) AS b ON b.name = a.name AND b.id = a.id
    ORDER BY a.name ASC, a.id ASC LIMIT 63) AS m
  ORDER BY name ASC, id ASC) s WHERE matched \gset
\elif :c1 >= 1000 and :c2 >= 1000 and :s1 = 4 and :s2 = 16
SELECT coalesce(array_agg(id)::text, '{}') AS ids FROM (
  SELECT name, id, true AS matched, count(*) OVER () AS scanned FROM (
    SELECT DISTINCT a.name, a.id
    FROM ((SELECT name, id FROM customer_search WHERE word = (:k1::text[])[1] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[2] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[3] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[4] ORDER BY name ASC, id ASC)) AS a
    JOIN ((SELECT name, id FROM customer_search WHERE word = (:k2::text[])[1] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[2] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[3] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[4] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[5] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[6] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[7] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[8] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[9] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[10] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[11] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[12] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[13] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[14] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[15] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[16] ORDER BY name ASC, id ASC)) AS b ON b.name = a.name AND b.id = a.id
    ORDER BY a.name ASC, a.id ASC LIMIT 63) AS m
  ORDER BY name ASC, id ASC) s WHERE matched \gset
\elif :c1 >= 1000 and :c2 >= 1000 and :s1 = 16 and :s2 = 1
SELECT coalesce(array_agg(id)::text, '{}') AS ids FROM (
  SELECT name, id, true AS matched, count(*) OVER () AS scanned FROM (
    SELECT DISTINCT a.name, a.id
    FROM ((SELECT name, id FROM customer_search WHERE word = (:k1::text[])[1] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[2] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[3] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[4] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[5] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[6] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[7] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[8] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[9] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[10] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[11] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[12] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[13] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[14] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[15] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[16] ORDER BY name ASC, id ASC)) AS a
    JOIN ((SELECT name, id FROM customer_search WHERE word = (:k2::text[])[1] ORDER BY name ASC, id ASC)) AS b ON b.name = a.name AND b.id = a.id
    ORDER BY a.name ASC, a.id ASC LIMIT 63) AS m
  ORDER BY name ASC, id ASC) s WHERE matched \gset
\elif :c1 >= 1000 and :c2 >= 1000 and :s1 = 16 and :s2 = 4
SELECT coalesce(array_agg(id)::text, '{}') AS ids FROM (
  SELECT name, id, true AS matched, count(*) OVER () AS scanned FROM (
    SELECT DISTINCT a.name, a.id
    FROM ((SELECT name, id FROM customer_search WHERE word = (:k1::text[])[1] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[2] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[3] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[4] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[5] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[6] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[7] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[8] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[9] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[10] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[11] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[12] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[13] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[14] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[15] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[16] ORDER BY name ASC, id ASC)) AS a
    JOIN ((SELECT name, id FROM customer_search WHERE word = (:k2::text[])[1] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[2] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[3] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[4] ORDER BY name ASC, id ASC)) AS b ON b.name = a.name AND b.id = a.id
    ORDER BY a.name ASC, a.id ASC LIMIT 63) AS m
  ORDER BY name ASC, id ASC) s WHERE matched \gset
\elif :c1 >= 1000 and :c2 >= 1000 and :s1 = 16 and :s2 = 16
SELECT coalesce(array_agg(id)::text, '{}') AS ids FROM (
  SELECT name, id, true AS matched, count(*) OVER () AS scanned FROM (
    SELECT DISTINCT a.name, a.id
    FROM ((SELECT name, id FROM customer_search WHERE word = (:k1::text[])[1] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[2] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[3] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[4] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[5] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[6] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[7] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[8] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[9] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[10] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[11] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[12] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[13] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[14] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[15] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k1::text[])[16] ORDER BY name ASC, id ASC)) AS a
    JOIN ((SELECT name, id FROM customer_search WHERE word = (:k2::text[])[1] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[2] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[3] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[4] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[5] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[6] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[7] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[8] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[9] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[10] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[11] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[12] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[13] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[14] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[15] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (:k2::text[])[16] ORDER BY name ASC, id ASC)) AS b ON b.name = a.name AND b.id = a.id
    ORDER BY a.name ASC, a.id ASC LIMIT 63) AS m
  ORDER BY name ASC, id ASC) s WHERE matched \gset
\elif :c1 >= 1000 and :c2 >= 1000
SELECT coalesce(array_agg(id)::text, '{}') AS ids FROM (
  SELECT name, id, true AS matched, count(*) OVER () AS scanned FROM (
    SELECT DISTINCT p.name, p.id FROM customer_search AS p
    WHERE p.word = ANY (:k1::text[]) AND EXISTS (SELECT 1 FROM customer_search AS q WHERE q.word = ANY (:k2::text[]) AND q.name = p.name AND q.id = p.id)
    ORDER BY p.name ASC, p.id ASC LIMIT 63) AS b
  ORDER BY name ASC, id ASC) s WHERE matched \gset
\elif :s1 > 0 and :s2 > 0 and :ds = 1
SELECT coalesce(array_agg(id)::text, '{}') AS ids FROM (
  SELECT name, id, true AS matched, count(*) OVER () AS scanned FROM (
    SELECT DISTINCT a.name, a.id
    FROM ((SELECT name, id FROM customer_search WHERE word = (CASE WHEN :c1::int <= :c2::int THEN :k1::text[] ELSE :k2::text[] END)[1] ORDER BY name ASC, id ASC)) AS a
    WHERE (SELECT true FROM customer_search AS q WHERE q.word = ANY (CASE WHEN :c1::int <= :c2::int THEN :k2::text[] ELSE :k1::text[] END) AND q.name = a.name AND q.id = a.id LIMIT 1)
    ORDER BY a.name ASC, a.id ASC LIMIT 63) AS m
  ORDER BY name ASC, id ASC) s WHERE matched \gset
\elif :s1 > 0 and :s2 > 0 and :ds = 4
SELECT coalesce(array_agg(id)::text, '{}') AS ids FROM (
  SELECT name, id, true AS matched, count(*) OVER () AS scanned FROM (
    SELECT DISTINCT a.name, a.id
    FROM ((SELECT name, id FROM customer_search WHERE word = (CASE WHEN :c1::int <= :c2::int THEN :k1::text[] ELSE :k2::text[] END)[1] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (CASE WHEN :c1::int <= :c2::int THEN :k1::text[] ELSE :k2::text[] END)[2] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (CASE WHEN :c1::int <= :c2::int THEN :k1::text[] ELSE :k2::text[] END)[3] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (CASE WHEN :c1::int <= :c2::int THEN :k1::text[] ELSE :k2::text[] END)[4] ORDER BY name ASC, id ASC)) AS a
    WHERE (SELECT true FROM customer_search AS q WHERE q.word = ANY (CASE WHEN :c1::int <= :c2::int THEN :k2::text[] ELSE :k1::text[] END) AND q.name = a.name AND q.id = a.id LIMIT 1)
    ORDER BY a.name ASC, a.id ASC LIMIT 63) AS m
  ORDER BY name ASC, id ASC) s WHERE matched \gset
\elif :s1 > 0 and :s2 > 0 and :ds = 16
SELECT coalesce(array_agg(id)::text, '{}') AS ids FROM (
  SELECT name, id, true AS matched, count(*) OVER () AS scanned FROM (
    SELECT DISTINCT a.name, a.id
    FROM ((SELECT name, id FROM customer_search WHERE word = (CASE WHEN :c1::int <= :c2::int THEN :k1::text[] ELSE :k2::text[] END)[1] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (CASE WHEN :c1::int <= :c2::int THEN :k1::text[] ELSE :k2::text[] END)[2] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (CASE WHEN :c1::int <= :c2::int THEN :k1::text[] ELSE :k2::text[] END)[3] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (CASE WHEN :c1::int <= :c2::int THEN :k1::text[] ELSE :k2::text[] END)[4] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (CASE WHEN :c1::int <= :c2::int THEN :k1::text[] ELSE :k2::text[] END)[5] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (CASE WHEN :c1::int <= :c2::int THEN :k1::text[] ELSE :k2::text[] END)[6] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (CASE WHEN :c1::int <= :c2::int THEN :k1::text[] ELSE :k2::text[] END)[7] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (CASE WHEN :c1::int <= :c2::int THEN :k1::text[] ELSE :k2::text[] END)[8] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (CASE WHEN :c1::int <= :c2::int THEN :k1::text[] ELSE :k2::text[] END)[9] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (CASE WHEN :c1::int <= :c2::int THEN :k1::text[] ELSE :k2::text[] END)[10] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (CASE WHEN :c1::int <= :c2::int THEN :k1::text[] ELSE :k2::text[] END)[11] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (CASE WHEN :c1::int <= :c2::int THEN :k1::text[] ELSE :k2::text[] END)[12] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (CASE WHEN :c1::int <= :c2::int THEN :k1::text[] ELSE :k2::text[] END)[13] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (CASE WHEN :c1::int <= :c2::int THEN :k1::text[] ELSE :k2::text[] END)[14] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (CASE WHEN :c1::int <= :c2::int THEN :k1::text[] ELSE :k2::text[] END)[15] ORDER BY name ASC, id ASC) UNION ALL (SELECT name, id FROM customer_search WHERE word = (CASE WHEN :c1::int <= :c2::int THEN :k1::text[] ELSE :k2::text[] END)[16] ORDER BY name ASC, id ASC)) AS a
    WHERE (SELECT true FROM customer_search AS q WHERE q.word = ANY (CASE WHEN :c1::int <= :c2::int THEN :k2::text[] ELSE :k1::text[] END) AND q.name = a.name AND q.id = a.id LIMIT 1)
    ORDER BY a.name ASC, a.id ASC LIMIT 63) AS m
  ORDER BY name ASC, id ASC) s WHERE matched \gset
\else
SELECT coalesce(array_agg(id)::text, '{}') AS ids FROM (
  SELECT name, id, matched, scanned FROM (
    SELECT b.name, b.id, coalesce((SELECT true FROM customer_search AS q WHERE q.word = ANY (CASE WHEN :c1::int <= :c2::int THEN :k2::text[] ELSE :k1::text[] END) AND q.name = b.name AND q.id = b.id LIMIT 1), false) AS matched,
           row_number() OVER (ORDER BY b.name ASC, b.id ASC) AS n, count(*) OVER () AS scanned
    FROM (SELECT DISTINCT x.name, x.id FROM unnest(CASE WHEN :c1::int <= :c2::int THEN :k1::text[] ELSE :k2::text[] END) AS k(word)
          CROSS JOIN LATERAL (SELECT p.name, p.id FROM customer_search AS p WHERE p.word = k.word
                              ORDER BY p.name ASC, p.id ASC LIMIT 63) AS x
          ORDER BY x.name ASC, x.id ASC LIMIT 63) AS b) AS r
  WHERE matched OR n = scanned ORDER BY name ASC, id ASC) s WHERE matched \gset
\endif
\if :nw = 2 or :s1 = 0
SELECT c.id, c.kind, c.name, c.email, c.phone, c.website, c.type, c.lifecycle_stage, c.owner_id, NULLIF(c.tags, '{}'), c.external_id, NULLIF(c.custom_fields, '{}'), c.archived_at, c.created_at, c.updated_at, c.address_line1, c.address_line2, c.address_city, c.address_region, c.address_postal_code, c.address_country FROM customers AS c WHERE c.archived_at IS NULL AND c.id = ANY (:ids::uuid[]) ORDER BY c.name, c.id LIMIT 51;
\endif
