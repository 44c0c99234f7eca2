CREATE TYPE "public"."tag_action" AS ENUM('added', 'removed');--> statement-breakpoint
CREATE TABLE "client_reviews" (
	"company_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reviewed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_reviews_client_id_user_id_pk" PRIMARY KEY("client_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "client_tag_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"tag_id" uuid NOT NULL,
	"action" "tag_action" NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"changed_by" uuid,
	"source" "change_source" NOT NULL
);
--> statement-breakpoint
DROP INDEX "clients_company_last_session_idx";--> statement-breakpoint
DROP INDEX "clients_company_name_idx";--> statement-breakpoint
ALTER TABLE "client_reviews" ADD CONSTRAINT "client_reviews_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_reviews" ADD CONSTRAINT "client_reviews_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_reviews" ADD CONSTRAINT "client_reviews_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_tag_history" ADD CONSTRAINT "client_tag_history_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_tag_history" ADD CONSTRAINT "client_tag_history_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_tag_history" ADD CONSTRAINT "client_tag_history_tag_id_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."tags"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_tag_history" ADD CONSTRAINT "client_tag_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_reviews_user_idx" ON "client_reviews" USING btree ("user_id","reviewed_at");--> statement-breakpoint
CREATE INDEX "client_tag_history_client_idx" ON "client_tag_history" USING btree ("client_id","changed_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "client_tag_history_company_idx" ON "client_tag_history" USING btree ("company_id","changed_at");--> statement-breakpoint
CREATE INDEX "attribute_history_company_idx" ON "attribute_history" USING btree ("company_id","changed_at");--> statement-breakpoint
CREATE INDEX "attribute_values_value_trgm_idx" ON "attribute_values" USING gin ("value" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "clients_company_updated_idx" ON "clients" USING btree ("company_id","updated_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "clients_name_trgm_idx" ON "clients" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "clients_phone_trgm_idx" ON "clients" USING gin ("phone" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "clients_email_trgm_idx" ON "clients" USING gin ("email" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "clients_external_id_trgm_idx" ON "clients" USING gin ("external_id" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "clients_company_last_session_idx" ON "clients" USING btree ("company_id","last_session_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "clients_company_name_idx" ON "clients" USING btree ("company_id","name" DESC NULLS LAST,"id" DESC NULLS LAST);