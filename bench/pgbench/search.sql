-- (b) fuzzy search. The folded term and its LIKE pattern come from bench_terms (the same terms.tsv the HTTP
-- load uses); \gset costs one extra, trivial round trip per transaction.
\set lim 51
\set r random(1, :nterms)
SELECT folded AS f, pattern AS p FROM bench_terms WHERE n = :r \gset
SELECT c.id, c.kind, c.name, c.email, c.phone, c.website, c.type, c.lifecycle_stage, c.owner_id, c.tags::text[], c.external_id, c.archived_at, c.created_at, c.updated_at, c.address_line1 IS NULL AND c.address_line2 IS NULL AND c.address_city IS NULL AND c.address_region IS NULL AND c.address_postal_code IS NULL AND c.address_country IS NULL, c.address_line1, c.address_line2, c.address_city, c.address_region, c.address_postal_code, c.address_country FROM customers AS c WHERE c.archived_at IS NULL AND (c.search_text LIKE :p ESCAPE '\' OR (:f <% c.search_text)) ORDER BY c.name, c.id LIMIT :lim;
