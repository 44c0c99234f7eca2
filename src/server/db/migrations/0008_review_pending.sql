CREATE TABLE "review_pending" (
	"user_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"pending_since" timestamp with time zone NOT NULL,
	"last_changed_at" timestamp with time zone NOT NULL,
	"change_count" integer NOT NULL,
	CONSTRAINT "review_pending_user_id_client_id_pk" PRIMARY KEY("user_id","client_id")
);
--> statement-breakpoint
ALTER TABLE "review_pending" ADD CONSTRAINT "review_pending_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_pending" ADD CONSTRAINT "review_pending_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_pending_queue_idx" ON "review_pending" USING btree ("user_id","pending_since","client_id");