-- (d) create: the customer INSERT and its audit row in one transaction, as the API's SaveChanges does
-- (the API looks the e-mail up only when the unique index refuses the insert, which the bench never does).
\set r random(1, 2000000000)
BEGIN;
INSERT INTO customers (id, address_city, address_country, address_line1, address_line2, address_postal_code, address_region, archived_at, created_at, email, external_id, kind, lifecycle_stage, name, owner_id, phone, search_text, tags, type, updated_at, website)
VALUES (gen_random_uuid(), 'Łódź', 'PL', NULL, NULL, NULL, NULL, NULL, now(), 'pgb.' || gen_random_uuid() || '@example.com', NULL, 'Company', NULL, 'Kowalski ' || :r || ' Sp. z o.o.', NULL, '+48501234567', 'kowalski ' || :r || ' sp. z o.o. pgb@example.com +48501234567 lodz', '{bench}', 'Lead', now(), NULL)
RETURNING id AS cid, xmin \gset
INSERT INTO audit_entries (id, action, actor_id, actor_name, changes, entity_id, entity_type, occurred_at, trace_id)
VALUES (gen_random_uuid(), 'created', '01a2096a-bd55-7794-b690-f81516a8afcc', 'Administrator', '{"id": {"after": "01a2096a-c6f5-794c-9d5d-f8dfbd253240", "before": null}, "kind": {"after": "company", "before": null}, "name": {"after": "Kowalski Sp. z o.o.", "before": null}, "tags": {"after": ["bench"], "before": null}, "type": {"after": "lead", "before": null}, "email": {"after": "pgb.00000000-0000-0000-0000-000000000000@example.com", "before": null}, "phone": {"after": "+48501234567", "before": null}, "addressCity": {"after": "Łódź", "before": null}, "addressCountry": {"after": "PL", "before": null}}', :cid, 'customer', now(), '32c3d5b8c218d89eb2e9d4230b5f42fa');
COMMIT;
