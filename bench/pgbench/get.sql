-- (c) get by id over random existing ids (bench_ids: the same ids.txt the HTTP load uses), in one statement.
\set r random(1, :nids)
SELECT c.id, c.kind, c.name, c.email, c.phone, c.website, c.type, c.lifecycle_stage, c.owner_id, NULLIF(c.tags, '{}'), c.external_id, NULLIF(c.custom_fields, '{}'), c.archived_at, c.created_at, c.updated_at, c.address_line1, c.address_line2, c.address_city, c.address_region, c.address_postal_code, c.address_country, c.xmin FROM customers AS c WHERE c.id = (SELECT id FROM bench_ids WHERE n = :r);
