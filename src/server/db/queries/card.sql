-- The card: the catalog an operator sees with the client’s values (GET /clients/{id}/attributes)
-- Parameters:
--   $1 = "00000000-0000-4000-8000-000000000003"
--   $2 = "00000000-0000-4000-8000-000000000001"
--   $3 = "00000000-0000-4000-8000-000000000003"
--   $4 = "00000000-0000-4000-8000-000000000003"
--   $5 = "00000000-0000-4000-8000-000000000001"
--   $6 = "00000000-0000-4000-8000-000000000003"
--   $7 = false
--   $8 = "00000000-0000-4000-8000-000000000001"
--   $9 = "00000000-0000-4000-8000-000000000003"
--   $10 = "{all,api}"
--   $11 = "00000000-0000-4000-8000-000000000001"
--   $12 = "operator"
--   $13 = 0
--   $14 = null
WITH c AS (SELECT id FROM (
      SELECT "clients"."id" AS id, CASE WHEN "clients"."id" = $1::uuid THEN 0 ELSE 1 END AS rank FROM "clients"
        WHERE "clients"."company_id" = $2 AND ("clients"."id" = $3::uuid OR "clients"."external_id" = $4)
      UNION ALL SELECT "client_aliases"."client_id", 2 FROM "client_aliases" WHERE "client_aliases"."company_id" = $5 AND "client_aliases"."external_id" = $6
      UNION ALL (SELECT "client_merges"."target_id", 3 FROM "client_merges" WHERE $7 AND "client_merges"."company_id" = $8
        AND "client_merges"."source_id" = $9::uuid AND "client_merges"."undone_at" IS NULL ORDER BY "client_merges"."merged_at" DESC LIMIT 1)
    ) found ORDER BY rank LIMIT 1),
  card AS (SELECT "a"."id" AS id, "a"."name" AS name, "a"."type" AS type, "a"."options" AS options, "a"."description" AS description,
      "a"."position" AS position, "a"."pinned" AS pinned, "a"."editable_by" AS editable_by, "a"."editable_by"::text = ANY($10::text[]) AS can_edit,
      "v"."value" AS value, "v"."version" AS version, "v"."updated_at" AS updated_at, "u"."id" AS by_id, "u"."name" AS by_name,
      row_number() OVER (ORDER BY "a"."position", "a"."created_at") AS n
    FROM c JOIN "attributes" a ON "a"."company_id" = $11 AND "a"."archived_at" IS NULL AND $12::role = ANY("a"."visible_to")
    LEFT JOIN "attribute_values" v ON "v"."attribute_id" = "a"."id" AND "v"."client_id" = c.id
    LEFT JOIN "users" u ON "u"."id" = "v"."updated_by")
  SELECT json_build_object('count', (SELECT count(*) FROM card), 'items', coalesce((SELECT json_agg(json_build_object(
      'id', id, 'name', name, 'type', type, 'options', options, 'description', description, 'position', position, 'pinned', pinned,
      'editableBy', editable_by, 'canEdit', can_edit, 'value', value, 'version', coalesce(version, 0), 'updatedAt', to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'updatedBy', CASE WHEN by_id IS NOT NULL THEN json_build_object('id', by_id, 'name', by_name) END) ORDER BY n)
    FROM card WHERE n > $13 AND (n <= $14::int8) IS NOT FALSE), '[]'))::text AS body
  FROM c
