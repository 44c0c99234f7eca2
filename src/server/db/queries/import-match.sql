-- The client each import row goes to: by id, external ID, then phone
-- Parameters:
--   $1 = [0]
--   $2 = [null]
--   $3 = ["crm-1"]
--   $4 = ["9161234567"]
--   $5 = "00000000-0000-4000-8000-000000000001"
--   $6 = "00000000-0000-4000-8000-000000000001"
--   $7 = "00000000-0000-4000-8000-000000000001"
--   $8 = "00000000-0000-4000-8000-000000000001"
--   $9 = 4
SELECT r.n, m.id, m.rank,
      (SELECT coalesce("c"."external_id", "c"."name", "c"."id"::text) FROM "clients" c WHERE "c"."id" = m.id) AS label,
      (SELECT NOT ("c"."blocked_at" IS NULL AND "c"."erased_at" IS NULL) FROM "clients" c WHERE "c"."id" = m.id) AS closed
    FROM unnest($1::int[], $2::uuid[], $3::text[], $4::text[]) r(n, id, ext, key)
    CROSS JOIN LATERAL (SELECT id, rank FROM (
      SELECT "c"."id" AS id, 0 AS rank FROM "clients" c WHERE "c"."company_id" = $5 AND "c"."id" = r.id
      UNION ALL SELECT "c"."id", 1 FROM "clients" c WHERE "c"."company_id" = $6 AND "c"."external_id" = r.ext
      UNION ALL SELECT "a"."client_id", 1 FROM "client_aliases" a WHERE "a"."company_id" = $7 AND "a"."external_id" = r.ext
      UNION ALL SELECT "c"."id", 2 FROM "clients" c WHERE "c"."company_id" = $8 AND right("c"."phone_digits", 10) = r.key
        AND (r.ext IS NULL OR "c"."external_id" IS NULL)
    ) found ORDER BY rank, id LIMIT $9) m
