CREATE TYPE "public"."client_field" AS ENUM('name', 'phone', 'email');--> statement-breakpoint
ALTER TYPE "public"."attribute_type" ADD VALUE 'multiselect' BEFORE 'email';--> statement-breakpoint
ALTER TYPE "public"."change_source" ADD VALUE 'catalog';--> statement-breakpoint
CREATE TABLE "client_field_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"field" "client_field" NOT NULL,
	"old_value" text,
	"new_value" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"changed_by" uuid,
	"source" "change_source" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "client_field_history" ADD CONSTRAINT "client_field_history_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_field_history" ADD CONSTRAINT "client_field_history_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_field_history" ADD CONSTRAINT "client_field_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_field_history_client_idx" ON "client_field_history" USING btree ("client_id","changed_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "client_field_history_company_idx" ON "client_field_history" USING btree ("company_id","changed_at");