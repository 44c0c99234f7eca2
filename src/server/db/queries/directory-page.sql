-- The directory, first page of 50 with its count (GET /clients)
-- Parameters:
--   $1 = "00000000-0000-4000-8000-000000000001"
--   $2 = "00000000-0000-4000-8000-000000000001"
--   $3 = 51
select "id", to_char("last_session_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "sortKey", (SELECT count(*)::int FROM (SELECT FROM "clients" WHERE "clients"."company_id" = $1 LIMIT 10001) capped) as "total", json_build_object('id', "id", 'externalId', "external_id", 'name', "name",
    'phone', "phone", 'email', "email", 'metadata', "metadata", 'tags', (SELECT coalesce(json_agg(json_build_object('id', "t"."id", 'name', "t"."name", 'color', "t"."color")
    ORDER BY "l"."created_at"), '[]') FROM "client_tags" l JOIN "tags" t ON "t"."id" = "l"."tag_id" WHERE "l"."client_id" = "clients"."id"), 'version', "version",
    'createdAt', to_char("clients"."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'updatedAt', to_char("clients"."updated_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'lastSessionAt', to_char("clients"."last_session_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text as "item" from "clients" where "clients"."company_id" = $2 order by "clients"."last_session_at" DESC NULLS LAST, "clients"."id" DESC NULLS LAST limit $3
