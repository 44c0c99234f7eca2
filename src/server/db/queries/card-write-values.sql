-- Values written, with their history and the client’s updatedAt (cards/card-write)
-- Parameters:
--   $1 = "00000000-0000-4000-8000-000000000003"
--   $2 = "00000000-0000-4000-8000-000000000004"
--   $3 = "Казань"
--   $4 = 3
--   $5 = false
--   $6 = null
--   $7 = []
--   $8 = []
--   $9 = "00000000-0000-4000-8000-000000000001"
--   $10 = "00000000-0000-4000-8000-000000000001"
--   $11 = "00000000-0000-4000-8000-000000000002"
--   $12 = "00000000-0000-4000-8000-000000000001"
--   $13 = "00000000-0000-4000-8000-000000000002"
--   $14 = "00000000-0000-4000-8000-000000000001"
--   $15 = "00000000-0000-4000-8000-000000000002"
--   $16 = "panel"
--   $17 = null
--   $18 = "client.attributes.changed"
--   $19 = "panel"
--   $20 = null
--   $21 = "00000000-0000-4000-8000-000000000002"
--   $22 = "00000000-0000-4000-8000-000000000001"
--   $23 = "client.attributes.changed"
--   $24 = "00000000-0000-4000-8000-000000000001"
--   $25 = "client.attributes.changed"
WITH ch AS MATERIALIZED (SELECT * FROM (VALUES ($1::uuid, $2::uuid, $3::text, $4::int, $5::bool, $6::text)) AS ch(client_id, attribute_id, value, expected, guarded, only_if)),
  k AS (SELECT * FROM unnest($7::uuid[], $8::text[]) AS k(id, checked)),
  locked_attributes AS MATERIALIZED (SELECT "a"."id" AS id, "a"."name" AS name, "a"."visible_to"::text[] AS visible_to FROM "attributes" a LEFT JOIN k ON k.id = "a"."id"
    WHERE "a"."id" = (SELECT attribute_id FROM ch) AND "a"."company_id" = $9
      AND (k.checked IS NULL OR md5(row(a."type", a."options", a."editable_by", a."visible_to", a."archived_at")::text) = k.checked) ORDER BY "a"."id" FOR SHARE OF a),
  locked_clients AS MATERIALIZED (SELECT "cl"."id" AS id FROM "clients" cl WHERE "cl"."id" = (SELECT client_id FROM ch)
    AND "cl"."company_id" = $10 AND "cl"."blocked_at" IS NULL AND "cl"."erased_at" IS NULL ORDER BY "cl"."id" FOR KEY SHARE),
  cur AS MATERIALIZED (SELECT "v"."client_id" AS client_id, "v"."attribute_id" AS attribute_id, "v"."value" AS value, "v"."version" AS version
    FROM "attribute_values" v WHERE "v"."client_id" = (SELECT client_id FROM ch) AND "v"."attribute_id" = (SELECT attribute_id FROM ch)
      AND "v"."attribute_id" IN (SELECT id FROM locked_attributes) AND "v"."client_id" IN (SELECT id FROM locked_clients)
    ORDER BY "v"."client_id", "v"."attribute_id" FOR UPDATE OF v),
  d AS MATERIALIZED (SELECT ch.client_id, ch.attribute_id, ch.value, cur.value AS old_value, coalesce(cur.version, 0) AS old_version,
      cur.client_id IS NOT NULL AS existed,
      CASE WHEN ch.attribute_id NOT IN (SELECT id FROM locked_attributes) OR ch.client_id NOT IN (SELECT id FROM locked_clients) THEN 'stale'
        WHEN cur.value IS NOT DISTINCT FROM ch.value THEN 'same'
        WHEN ch.guarded AND cur.value IS DISTINCT FROM ch.only_if THEN 'skipped'
        WHEN ch.expected <> coalesce(cur.version, 0) THEN 'conflict' ELSE 'write' END AS outcome
    FROM ch LEFT JOIN cur USING (client_id, attribute_id)),
  upd AS (UPDATE "attribute_values" v SET "value" = d.value, "version" = "v"."version" + 1,
      "updated_at" = greatest(clock_timestamp(), "v"."updated_at" + interval '1 microsecond'), "updated_by" = $11
    FROM d WHERE d.outcome = 'write' AND d.existed AND "v"."client_id" = d.client_id AND "v"."attribute_id" = d.attribute_id
    RETURNING "v"."client_id" AS client_id, "v"."attribute_id" AS attribute_id, "v"."version" AS version, "v"."updated_at" AS updated_at),
  ins AS (INSERT INTO "attribute_values" ("client_id", "attribute_id", "company_id", "value", "version", "updated_at", "updated_by")
    SELECT client_id, attribute_id, $12, value, 1, clock_timestamp(), $13::uuid
    FROM d WHERE outcome = 'write' AND NOT existed
    ON CONFLICT DO NOTHING RETURNING "client_id", "attribute_id",
      "version", "updated_at"),
  wr AS (SELECT * FROM upd UNION ALL SELECT * FROM ins),
  h AS (INSERT INTO "attribute_history" ("company_id", "client_id", "attribute_id", "old_value", "new_value", "changed_at", "changed_by", "source", "batch_id")
    SELECT $14, d.client_id, d.attribute_id, d.old_value, d.value, wr.updated_at, $15::uuid,
      $16::change_source, $17::uuid
    FROM d JOIN wr USING (client_id, attribute_id)),
  t AS (UPDATE "clients" SET "updated_at" = greatest("clients"."updated_at", clock_timestamp())
    WHERE "clients"."id" IN (SELECT client_id FROM wr) AND "clients".xmin <> pg_current_xact_id()::xid),
  o AS (INSERT INTO "webhook_deliveries" ("webhook_id", "company_id", "event", "queue", "payload")
    SELECT "w"."id", "w"."company_id", $18, "w"."id" || '/' || x.queue, x.data
    FROM (SELECT 'client:' || d.client_id::text AS queue, jsonb_build_object('clientId', d.client_id, 'changes', jsonb_agg(jsonb_build_object('attributeId', d.attribute_id, 'name', l.name, 'oldValue', d.old_value,
        'newValue', d.value, 'version', wr.version) ORDER BY l.name, d.attribute_id),
      'source', $19::text, 'batchId', $20::uuid, 'changedBy', (SELECT json_build_object('id', "users"."id", 'name', "users"."name") FROM "users" WHERE "users"."id" = $21::uuid), 'changedAt', to_char(max(wr.updated_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) AS data
    FROM d JOIN wr USING (client_id, attribute_id) JOIN locked_attributes l ON l.id = d.attribute_id GROUP BY d.client_id) x JOIN "webhooks" w ON "w"."company_id" = $22::uuid AND "w"."active" AND $23::text = ANY("w"."events")
    WHERE EXISTS (SELECT 1 FROM "webhooks" w WHERE "w"."company_id" = $24::uuid AND "w"."active" AND $25::text = ANY("w"."events")))
  SELECT d.client_id, d.attribute_id, d.outcome, d.old_value, d.value AS new_value,
    coalesce(wr.version, d.old_version) AS version, wr.updated_at, d.outcome = 'write' AND wr.client_id IS NULL AS lost,
    (SELECT visible_to FROM locked_attributes l WHERE l.id = d.attribute_id) AS visible_to
  FROM d LEFT JOIN wr USING (client_id, attribute_id)
