CREATE TYPE "public"."batch_kind" AS ENUM('import', 'bulk');--> statement-breakpoint
CREATE TYPE "public"."batch_status" AS ENUM('running', 'done', 'failed');--> statement-breakpoint
ALTER TYPE "public"."change_source" ADD VALUE 'import';--> statement-breakpoint
ALTER TYPE "public"."change_source" ADD VALUE 'bulk';--> statement-breakpoint
CREATE TABLE "batch_created_clients" (
	"batch_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	CONSTRAINT "batch_created_clients_batch_id_client_id_pk" PRIMARY KEY("batch_id","client_id")
);
--> statement-breakpoint
CREATE TABLE "change_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"kind" "batch_kind" NOT NULL,
	"status" "batch_status" DEFAULT 'running' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"undone_at" timestamp with time zone,
	"total" integer,
	"done" integer DEFAULT 0 NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attribute_history" ADD COLUMN "batch_id" uuid;--> statement-breakpoint
ALTER TABLE "client_field_history" ADD COLUMN "batch_id" uuid;--> statement-breakpoint
ALTER TABLE "client_tag_history" ADD COLUMN "batch_id" uuid;--> statement-breakpoint
ALTER TABLE "batch_created_clients" ADD CONSTRAINT "batch_created_clients_batch_id_change_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."change_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "batch_created_clients" ADD CONSTRAINT "batch_created_clients_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_batches" ADD CONSTRAINT "change_batches_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_batches" ADD CONSTRAINT "change_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "batch_created_clients_client_idx" ON "batch_created_clients" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "change_batches_company_idx" ON "change_batches" USING btree ("company_id","kind","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "attribute_history_batch_idx" ON "attribute_history" USING btree ("batch_id") WHERE "attribute_history"."batch_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "client_field_history_batch_idx" ON "client_field_history" USING btree ("batch_id") WHERE "client_field_history"."batch_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "client_tag_history_tag_idx" ON "client_tag_history" USING btree ("client_id","tag_id","changed_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "client_tag_history_batch_idx" ON "client_tag_history" USING btree ("batch_id") WHERE "client_tag_history"."batch_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "clients_phone_key_idx" ON "clients" USING btree ("company_id",right("phone_digits", 10));--> statement-breakpoint
CREATE INDEX "clients_email_key_idx" ON "clients" USING btree ("company_id",lower("email"));--> statement-breakpoint
CREATE INDEX "review_pending_client_idx" ON "review_pending" USING btree ("client_id");