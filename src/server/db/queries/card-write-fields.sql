-- The client’s own fields, with their history and one version more (cards/card-write)
-- Parameters:
--   $1 = "00000000-0000-4000-8000-000000000003"
--   $2 = "name"
--   $3 = "Анна Петрова"
--   $4 = false
--   $5 = null
--   $6 = "00000000-0000-4000-8000-000000000001"
--   $7 = "00000000-0000-4000-8000-000000000001"
--   $8 = "00000000-0000-4000-8000-000000000002"
--   $9 = "panel"
--   $10 = null
--   $11 = "client.updated"
--   $12 = "panel"
--   $13 = null
--   $14 = "00000000-0000-4000-8000-000000000002"
--   $15 = "00000000-0000-4000-8000-000000000001"
--   $16 = "client.updated"
--   $17 = "00000000-0000-4000-8000-000000000001"
--   $18 = "client.updated"
WITH ch AS (SELECT * FROM (VALUES ($1::uuid, $2::text, $3::text, $4::bool, $5::text)) AS ch(client_id, field, value, guarded, only_if)),
    cur AS MATERIALIZED (SELECT "c"."id" AS id, "c"."name" AS "name", "c"."phone" AS "phone", "c"."email" AS "email"
      FROM "clients" c WHERE "c"."id" IN (SELECT client_id FROM ch) AND "c"."company_id" = $6 AND "c"."blocked_at" IS NULL AND "c"."erased_at" IS NULL
      ORDER BY "c"."id" FOR UPDATE OF c),
    d AS MATERIALIZED (SELECT ch.client_id, ch.field, ch.value,
        CASE ch.field WHEN 'name' THEN cur."name" WHEN 'phone' THEN cur."phone" WHEN 'email' THEN cur."email" END AS old_value, ch.guarded, ch.only_if
      FROM ch JOIN cur ON cur.id = ch.client_id),
    x AS (SELECT * FROM d WHERE old_value IS DISTINCT FROM value AND (NOT guarded OR old_value IS NOT DISTINCT FROM only_if)),
    up AS (UPDATE "clients" c SET "name" = CASE
    WHEN EXISTS (SELECT FROM x WHERE x.client_id = "c"."id" AND x.field = 'name')
    THEN (SELECT x.value FROM x WHERE x.client_id = "c"."id" AND x.field = 'name') ELSE "c"."name" END, "phone" = CASE
    WHEN EXISTS (SELECT FROM x WHERE x.client_id = "c"."id" AND x.field = 'phone')
    THEN (SELECT x.value FROM x WHERE x.client_id = "c"."id" AND x.field = 'phone') ELSE "c"."phone" END, "email" = CASE
    WHEN EXISTS (SELECT FROM x WHERE x.client_id = "c"."id" AND x.field = 'email')
    THEN (SELECT x.value FROM x WHERE x.client_id = "c"."id" AND x.field = 'email') ELSE "c"."email" END, "version" = "c"."version" + 1,
        "updated_at" = greatest("c"."updated_at", clock_timestamp())
      WHERE "c"."id" IN (SELECT client_id FROM x) RETURNING "c"."id" AS id),
    h AS (INSERT INTO "client_field_history" ("company_id", "client_id", "field", "old_value", "new_value", "changed_at", "changed_by", "source", "batch_id")
      SELECT $7, x.client_id, x.field::client_field, x.old_value, x.value, (SELECT clock_timestamp()), $8::uuid,
        $9::change_source, $10::uuid FROM x JOIN up ON up.id = x.client_id),
    o AS (INSERT INTO "webhook_deliveries" ("webhook_id", "company_id", "event", "queue", "payload")
    SELECT "w"."id", "w"."company_id", $11, "w"."id" || '/' || x.queue, x.data
    FROM (SELECT 'client:' || x.client_id::text AS queue, jsonb_build_object('clientId', x.client_id, 'changes', jsonb_agg(jsonb_build_object('field', x.field, 'oldValue', x.old_value, 'newValue', x.value) ORDER BY x.field),
      'source', $12::text, 'batchId', $13::uuid, 'changedBy', (SELECT json_build_object('id', "users"."id", 'name', "users"."name") FROM "users" WHERE "users"."id" = $14::uuid), 'changedAt', to_char((SELECT clock_timestamp()) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) AS data
    FROM x JOIN up ON up.id = x.client_id GROUP BY x.client_id) x JOIN "webhooks" w ON "w"."company_id" = $15::uuid AND "w"."active" AND $16::text = ANY("w"."events")
    WHERE EXISTS (SELECT 1 FROM "webhooks" w WHERE "w"."company_id" = $17::uuid AND "w"."active" AND $18::text = ANY("w"."events")))
    SELECT x.client_id, x.field, x.old_value, x.value AS new_value FROM x
