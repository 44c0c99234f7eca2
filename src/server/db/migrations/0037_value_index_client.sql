DROP INDEX "attribute_values_attribute_idx";--> statement-breakpoint
DROP INDEX "attribute_values_number_idx";--> statement-breakpoint
CREATE INDEX "attribute_values_attribute_idx" ON "attribute_values" USING btree ("attribute_id","value","client_id");--> statement-breakpoint
CREATE INDEX "attribute_values_number_idx" ON "attribute_values" USING btree ("attribute_id",value_number("value"),"client_id") WHERE value_number("attribute_values"."value") IS NOT NULL;