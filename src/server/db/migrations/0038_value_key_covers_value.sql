-- The key carries the value (INCLUDE, which drizzle's schema cannot state): a batch of clients' values, for an
-- export or the directory's columns, is read from the key alone, not from a row of the table for each value.
ALTER TABLE "attribute_values" DROP CONSTRAINT "attribute_values_client_id_attribute_id_pk";--> statement-breakpoint
ALTER TABLE "attribute_values" ADD CONSTRAINT "attribute_values_client_id_attribute_id_pk" PRIMARY KEY ("client_id","attribute_id") INCLUDE ("value");
