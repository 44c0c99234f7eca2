-- What an undo puts back: the batch’s client tags nobody changed since
-- Parameters:
--   $1 = "00000000-0000-4000-8000-000000000006"
--   $2 = "00000000-0000-4000-8000-000000000006"
SELECT "h"."client_id" AS client_id, "h"."tag_id" AS tag_id, "h"."action" AS action FROM "client_tag_history" h
      WHERE "h"."batch_id" = $1 AND NOT EXISTS (SELECT 1 FROM "client_tag_history" l WHERE "l"."client_id" = "h"."client_id" AND "l"."tag_id" = "h"."tag_id"
    AND "l"."changed_at" > "h"."changed_at" AND ("l"."batch_id" IS NULL OR NOT EXISTS (SELECT 1 FROM "change_batches" x
    WHERE "x"."id" = "l"."batch_id" AND "x"."undone_at" IS NOT NULL)))
  AND "h"."client_id" NOT IN (SELECT "batch_created_clients"."client_id" FROM "batch_created_clients" WHERE "batch_created_clients"."batch_id" = $2)
