-- Client tags put on and taken off, with their history (cards/card-write)
-- Parameters:
--   $1 = "00000000-0000-4000-8000-000000000002"
--   $2 = "00000000-0000-4000-8000-000000000003"
--   $3 = "00000000-0000-4000-8000-000000000005"
--   $4 = "00000000-0000-4000-8000-000000000003"
--   $5 = "00000000-0000-4000-8000-000000000007"
--   $6 = "00000000-0000-4000-8000-000000000001"
--   $7 = "00000000-0000-4000-8000-000000000002"
--   $8 = "panel"
--   $9 = null
--   $10 = "client.tags.changed"
--   $11 = "panel"
--   $12 = null
--   $13 = "00000000-0000-4000-8000-000000000002"
--   $14 = "00000000-0000-4000-8000-000000000001"
--   $15 = "client.tags.changed"
--   $16 = "00000000-0000-4000-8000-000000000001"
--   $17 = "client.tags.changed"
WITH
    plus AS (INSERT INTO "client_tags" ("client_id", "tag_id", "added_by")
      SELECT client_id, tag_id, $1::uuid FROM (VALUES ($2::uuid, $3::uuid)) AS x(client_id, tag_id) WHERE x.client_id = (SELECT "oc"."id" FROM "clients" oc WHERE "oc"."id" = x.client_id AND "oc"."blocked_at" IS NULL AND "oc"."erased_at" IS NULL)
      ORDER BY client_id, tag_id ON CONFLICT DO NOTHING RETURNING "client_id" AS client_id, "tag_id" AS tag_id,
        'added'::tag_action AS action),
    minus AS (DELETE FROM "client_tags" l USING (VALUES ($4::uuid, $5::uuid)) AS x(client_id, tag_id)
      WHERE "l"."client_id" = x.client_id AND "l"."tag_id" = x.tag_id AND x.client_id = (SELECT "oc"."id" FROM "clients" oc WHERE "oc"."id" = x.client_id AND "oc"."blocked_at" IS NULL AND "oc"."erased_at" IS NULL)
      RETURNING "l"."client_id" AS client_id, "l"."tag_id" AS tag_id, 'removed'::tag_action AS action),
    done AS (SELECT * FROM minus UNION ALL SELECT * FROM plus),
    h AS (INSERT INTO "client_tag_history" ("company_id", "client_id", "tag_id", "action", "changed_at", "changed_by", "source", "batch_id")
      SELECT $6, client_id, tag_id, action, (SELECT clock_timestamp()), $7::uuid, $8::change_source,
        $9::uuid FROM done),
    t AS (UPDATE "clients" SET "updated_at" = greatest("clients"."updated_at", clock_timestamp())
    WHERE "clients"."id" IN (SELECT client_id FROM done) AND "clients".xmin <> pg_current_xact_id()::xid),
    o AS (INSERT INTO "webhook_deliveries" ("webhook_id", "company_id", "event", "queue", "payload")
    SELECT "w"."id", "w"."company_id", $10, "w"."id" || '/' || x.queue, x.data
    FROM (SELECT 'client:' || done.client_id::text AS queue, jsonb_build_object('clientId', done.client_id, 'changes', jsonb_build_object(
          'added', coalesce(jsonb_agg(jsonb_build_object('tagId', "tg"."id", 'name', "tg"."name")) FILTER (WHERE done.action = 'added'), '[]'),
          'removed', coalesce(jsonb_agg(jsonb_build_object('tagId', "tg"."id", 'name', "tg"."name")) FILTER (WHERE done.action = 'removed'), '[]')),
      'source', $11::text, 'batchId', $12::uuid, 'changedBy', (SELECT json_build_object('id', "users"."id", 'name', "users"."name") FROM "users" WHERE "users"."id" = $13::uuid), 'changedAt', to_char((SELECT clock_timestamp()) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) AS data
    FROM done JOIN "tags" tg ON "tg"."id" = done.tag_id GROUP BY done.client_id) x JOIN "webhooks" w ON "w"."company_id" = $14::uuid AND "w"."active" AND $15::text = ANY("w"."events")
    WHERE EXISTS (SELECT 1 FROM "webhooks" w WHERE "w"."company_id" = $16::uuid AND "w"."active" AND $17::text = ANY("w"."events")))
    SELECT client_id, tag_id, action FROM done
