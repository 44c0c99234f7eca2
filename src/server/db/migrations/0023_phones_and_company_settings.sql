-- Phones typed by hand or imported as written (`8(916)1234571`) are stored in E.164 from now on. What a
-- Russian number looks like is decided here as the service decides it (the company's country was RU for
-- everyone before this release): 8 or 7 and ten digits, or ten digits alone, become +7…; a number written
-- with + keeps its digits. Anything else (letters, too few digits) stays as it was typed.
UPDATE "clients" SET "phone" = CASE
    WHEN n.digits ~ '^[78][0-9]{10}$' AND n.trimmed !~ '^\+' THEN '+7' || substr(n.digits, 2)
    WHEN n.digits ~ '^9[0-9]{9}$' AND n.trimmed !~ '^\+' THEN '+7' || n.digits
    WHEN n.trimmed ~ '^\+' AND n.digits ~ '^[1-9][0-9]{7,14}$' THEN '+' || n.digits
    ELSE "clients"."phone" END
  FROM (SELECT id, btrim("phone") AS trimmed, regexp_replace("phone", '[^0-9]', '', 'g') AS digits FROM "clients"
        WHERE "phone" ~ '^\s*\+?[0-9 ()\-]+\s*$') n
  WHERE n.id = "clients"."id";--> statement-breakpoint
ALTER TABLE "clients" DROP COLUMN "phone_digits";--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "phone_digits" text GENERATED ALWAYS AS (regexp_replace(split_part(coalesce(phone, ''), ';', 1), '[^0-9]', '', 'g')) STORED;--> statement-breakpoint
CREATE INDEX "clients_phone_digits_trgm_idx" ON "clients" USING gin ("phone_digits" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "clients_phone_key_idx" ON "clients" USING btree ("company_id",right("phone_digits", 10));--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "phone_country" text DEFAULT 'RU' NOT NULL;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "operators_export" boolean DEFAULT false NOT NULL;
