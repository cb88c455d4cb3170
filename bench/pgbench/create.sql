-- (d) create: the statements the API's SaveChanges sends in one transaction. The customer, with a name, phone
-- and city from the rows the HTTP load posts (bench_post, from post.tsv: the trigram index and the search
-- postings take in the same words) and an e-mail unique per insert; its audit row; and the webhook outbox call,
-- which writes the event only when an active subscription wants it (none does in the bench). The body is
-- the size of the API's; pgbench would take ":54" in a time for a variable, hence the dots.
\set r random(1, :nposts)
BEGIN;
INSERT INTO customers (id, address_city, address_country, address_line1, address_line2, address_postal_code, address_region, archived_at, created_at, custom_fields, email, external_id, kind, lifecycle_stage, name, owner_id, phone, search_text, tags, type, updated_at, website)
SELECT gen_random_uuid(), p.city, p.country, NULL, NULL, NULL, NULL, NULL, now(), '{}', p.email, NULL, 'Company', NULL, p.name, NULL, p.phone,
       p.name_folded || ' ' || p.email || ' ' || p.phone || ' ' || p.city_folded, '{bench}', 'Lead', now(), NULL
FROM (SELECT b.*, 'bench.pgb.' || nextval('bench_post_seq') || '@example.com' AS email FROM bench_post AS b WHERE b.n = :r) AS p
RETURNING id AS cid, name, email, phone, address_city AS city, address_country AS country, xmin \gset
INSERT INTO audit_entries (id, action, actor_id, actor_name, changes, entity_id, entity_type, occurred_at, trace_id)
VALUES (gen_random_uuid(), 'created', '01a2096a-bd55-7794-b690-f81516a8afcc', 'Administrator', jsonb_build_object('id', jsonb_build_object('after', :cid::text, 'before', NULL), 'kind', '{"after": "company", "before": null}'::jsonb, 'name', jsonb_build_object('after', :name::text, 'before', NULL), 'tags', '{"after": ["bench"], "before": null}'::jsonb, 'type', '{"after": "lead", "before": null}'::jsonb, 'email', jsonb_build_object('after', :email::text, 'before', NULL), 'phone', jsonb_build_object('after', :phone::text, 'before', NULL), 'addressCity', jsonb_build_object('after', :city::text, 'before', NULL), 'customFields', '{"after": "{}", "before": null}'::jsonb, 'addressCountry', jsonb_build_object('after', :country::text, 'before', NULL)), :cid::uuid, 'customer', now(), '32c3d5b8c218d89eb2e9d4230b5f42fa');
CALL crm_raise_webhook_event(gen_random_uuid(), 'customer.created', now(), '{"id": "01a226b9-dc89-7b03-a506-199dca6c9105","type": "customer.created","occurredAt": "2026-11-29T09.54.04.553607Z","data": {"id": "01a226b9-dc89-7d76-8ffc-52247d1db68e","kind": "company","name": "Nogueira-Pereira S.A.","email": "bench.s9c.1.6081@example.com","phone": "+5585974679984","website": null,"type": "lead","lifecycleStage": null,"ownerId": null,"tags": ["bench"],"externalId": null,"address": {"line1": null,"line2": null,"city": "Cuiabá","region": null,"postalCode": null,"country": "BR"},"customFields": {},"archivedAt": null,"createdAt": "2026-11-29T09.54.04.553461Z","updatedAt": "2026-11-29T09.54.04.553461Z"}}', NULL, NULL);
COMMIT;
