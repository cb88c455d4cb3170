-- (d) create: the statements the API sends for a create (InsertWriter: those a SaveChanges of it would send), as
-- it sends them: in one round trip, which PostgreSQL runs as one implicit transaction (pgbench's pipeline; the
-- API's single batch). The customer, with a name,
-- phone and city from the rows the HTTP load posts (bench_post, from post.tsv: the trigram index and the search
-- postings take in the same words) and an e-mail unique per insert; its audit row; and the webhook outbox call,
-- which writes the event only when an active subscription wants it (none does in the bench). A pipeline cannot
-- hand one statement's result to the next (no \gset), so the audit row reads the posted row again and both
-- take the ids the API would have sent from the sequence: ascending, as the API's UUIDv7 ids are. The body is
-- the size of the API's; pgbench would take ":54" in a time for a variable, hence the dots.
\set r random(1, :nposts)
\startpipeline
INSERT INTO customers (id, address_city, address_country, address_line1, address_line2, address_postal_code, address_region, archived_at, created_at, custom_fields, email, external_id, kind, lifecycle_stage, name, owner_id, phone, search_text, tags, type, updated_at, website)
SELECT p.id, p.city, p.country, NULL, NULL, NULL, NULL, NULL, now(), '{}', p.email, NULL, 'Company', NULL, p.name, NULL, p.phone,
       p.name_folded || ' ' || p.email || ' ' || p.phone || ' ' || p.city_folded, '{bench}', 'Lead', now(), NULL
FROM (SELECT b.*, s.id, s.email FROM bench_post AS b,
      LATERAL (SELECT ('f0000000-0000-7000-8000-' || lpad(to_hex(seq), 12, '0'))::uuid AS id, 'bench.pgb.' || seq || '@example.com' AS email
               FROM nextval('bench_post_seq') AS seq) AS s
      WHERE b.n = :r) AS p
RETURNING xmin;
INSERT INTO audit_entries (id, action, actor_id, actor_name, changes, entity_id, entity_type, occurred_at, trace_id)
SELECT ('f1000000-0000-7000-8000-' || lpad(to_hex(p.seq), 12, '0'))::uuid, 'created', '01a2096a-bd55-7794-b690-f81516a8afcc', 'Administrator', jsonb_build_object('id', jsonb_build_object('after', p.id::text, 'before', NULL), 'kind', '{"after": "company", "before": null}'::jsonb, 'name', jsonb_build_object('after', p.name, 'before', NULL), 'tags', '{"after": ["bench"], "before": null}'::jsonb, 'type', '{"after": "lead", "before": null}'::jsonb, 'email', jsonb_build_object('after', p.email, 'before', NULL), 'phone', jsonb_build_object('after', p.phone, 'before', NULL), 'addressCity', jsonb_build_object('after', p.city, 'before', NULL), 'customFields', '{"after": "{}", "before": null}'::jsonb, 'addressCountry', jsonb_build_object('after', p.country, 'before', NULL)), p.id, 'customer', now(), '32c3d5b8c218d89eb2e9d4230b5f42fa'
FROM (SELECT b.*, s.seq, s.id, s.email FROM bench_post AS b,
      LATERAL (SELECT seq, ('f0000000-0000-7000-8000-' || lpad(to_hex(seq), 12, '0'))::uuid AS id, 'bench.pgb.' || seq || '@example.com' AS email
               FROM currval('bench_post_seq') AS seq) AS s
      WHERE b.n = :r) AS p;
CALL crm_raise_webhook_event(gen_random_uuid(), 'customer.created', now(), '{"id": "01a226b9-dc89-7b03-a506-199dca6c9105","type": "customer.created","occurredAt": "2026-11-29T09.54.04.553607Z","data": {"id": "01a226b9-dc89-7d76-8ffc-52247d1db68e","kind": "company","name": "Nogueira-Pereira S.A.","email": "bench.s9c.1.6081@example.com","phone": "+5585974679984","website": null,"type": "lead","lifecycleStage": null,"ownerId": null,"tags": ["bench"],"externalId": null,"address": {"line1": null,"line2": null,"city": "Cuiabá","region": null,"postalCode": null,"country": "BR"},"customFields": {},"archivedAt": null,"createdAt": "2026-11-29T09.54.04.553461Z","updatedAt": "2026-11-29T09.54.04.553461Z"}}', NULL, NULL);
\endpipeline
