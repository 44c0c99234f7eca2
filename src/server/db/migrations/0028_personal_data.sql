CREATE TABLE "erasure_acts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"request_id" uuid,
	"subject" text NOT NULL,
	"reason" text NOT NULL,
	"client_ids" uuid[] NOT NULL,
	"categories" jsonb NOT NULL,
	"performed_by" uuid,
	"performed_by_name" text NOT NULL,
	"performed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"journal" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "privacy_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"subject" text NOT NULL,
	"client_id" uuid,
	"received_on" date NOT NULL,
	"due_on" date NOT NULL,
	"extension_reason" text,
	"status" text DEFAULT 'open' NOT NULL,
	"resolution" text,
	"act_id" uuid,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "client_id" uuid;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "blocked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "blocked_reason" text;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "holidays" date[];--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "retention_months" integer;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "retention_run_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "erasure_acts" ADD CONSTRAINT "erasure_acts_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasure_acts" ADD CONSTRAINT "erasure_acts_performed_by_users_id_fk" FOREIGN KEY ("performed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_act_id_erasure_acts_id_fk" FOREIGN KEY ("act_id") REFERENCES "public"."erasure_acts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "erasure_acts_number_key" ON "erasure_acts" USING btree ("company_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "privacy_requests_number_key" ON "privacy_requests" USING btree ("company_id","number");--> statement-breakpoint
CREATE INDEX "privacy_requests_due_idx" ON "privacy_requests" USING btree ("company_id","due_on") WHERE "privacy_requests"."status" = 'open';--> statement-breakpoint
CREATE INDEX "audit_events_client_idx" ON "audit_events" USING btree ("client_id") WHERE "audit_events"."client_id" IS NOT NULL;