ALTER TABLE "attribute_values" ALTER COLUMN "value" DROP NOT NULL;--> statement-breakpoint
-- A cleared value was kept as an empty string before; it is NULL now, with its row and version kept.
UPDATE "attribute_values" SET "value" = NULL WHERE "value" = '';
