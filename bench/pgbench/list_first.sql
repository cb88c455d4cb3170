-- (a) first page of GET /customers: the statement the API sends (ListCustomersHandler.NamePages), limit+1 rows as a
-- literal, as the API sends it (bench/pgbench/same_sql.py checks it against PostgreSQL's log at every run).
SELECT c.id, c.kind, c.name, c.email, c.phone, c.website, c.type, c.lifecycle_stage, c.owner_id, c.tags, c.external_id, c.custom_fields, c.archived_at, c.created_at, c.updated_at, c.address_line1, c.address_line2, c.address_city, c.address_region, c.address_postal_code, c.address_country FROM customers AS c WHERE c.archived_at IS NULL ORDER BY c.name, c.id LIMIT 51;
