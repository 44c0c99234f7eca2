DROP INDEX "clients_name_trgm_idx";--> statement-breakpoint
DROP INDEX "clients_phone_trgm_idx";--> statement-breakpoint
DROP INDEX "clients_email_trgm_idx";--> statement-breakpoint
DROP INDEX "clients_external_id_trgm_idx";--> statement-breakpoint
CREATE INDEX "clients_search_trgm_idx" ON "clients" USING gin ((coalesce("name", '') || E'\x1f' || coalesce("phone", '') || E'\x1f' || coalesce("email", '') || E'\x1f' || coalesce("external_id", '')) gin_trgm_ops);