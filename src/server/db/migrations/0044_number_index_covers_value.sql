-- The number index carries the value (INCLUDE, which drizzle's schema cannot state): PostgreSQL reads an index on an
-- expression alone only when the query's columns are all in it, so a range filter read each match's row for its
-- client (146 ms of a 290 ms count of «age ≥ 29» with a tag at a million clients; 21 ms from the index alone).
DROP INDEX "attribute_values_number_idx";--> statement-breakpoint
CREATE INDEX "attribute_values_number_idx" ON "attribute_values" USING btree ("attribute_id", value_number("value"), "client_id") INCLUDE ("value") WHERE value_number("value") IS NOT NULL;
