CREATE TABLE "attribute_value_texts" (
	"attribute_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "attribute_value_texts_attribute_id_value_pk" PRIMARY KEY("attribute_id","value")
);
--> statement-breakpoint
ALTER TABLE "attribute_value_texts" ADD CONSTRAINT "attribute_value_texts_attribute_id_attributes_id_fk" FOREIGN KEY ("attribute_id") REFERENCES "public"."attributes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Each parameter's distinct values, kept as values are written: a statement's new texts are added, once. A text
-- already there is left as it is, untouched, so two import chunks writing «Казань» do not wait on each other; only
-- the first two to write a text new to the parameter do, once.
CREATE FUNCTION attribute_value_texts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO attribute_value_texts (attribute_id, company_id, value)
  SELECT DISTINCT attribute_id, company_id, value FROM came WHERE value IS NOT NULL ORDER BY attribute_id, value
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER attribute_values_texts_insert AFTER INSERT ON attribute_values
  REFERENCING NEW TABLE AS came FOR EACH STATEMENT EXECUTE FUNCTION attribute_value_texts_add();
--> statement-breakpoint
CREATE TRIGGER attribute_values_texts_update AFTER UPDATE ON attribute_values
  REFERENCING NEW TABLE AS came FOR EACH STATEMENT EXECUTE FUNCTION attribute_value_texts_add();
--> statement-breakpoint
-- Filled from the values: on this upgrade, and after a load made with triggers off (the bench).
CREATE FUNCTION attribute_value_texts_backfill() RETURNS void LANGUAGE sql AS $$
  DELETE FROM attribute_value_texts;
  INSERT INTO attribute_value_texts (attribute_id, company_id, value)
  SELECT DISTINCT attribute_id, company_id, value FROM attribute_values WHERE value IS NOT NULL;
$$;
--> statement-breakpoint
SELECT attribute_value_texts_backfill();
--> statement-breakpoint
CREATE INDEX "attribute_value_texts_trgm_idx" ON "attribute_value_texts" USING gin ("value" gin_trgm_ops);
