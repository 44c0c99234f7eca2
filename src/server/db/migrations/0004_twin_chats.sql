CREATE TYPE "public"."operator_status" AS ENUM('online', 'away');--> statement-breakpoint
CREATE TABLE "chats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"name" text NOT NULL,
	"messengers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"session_ttl" integer DEFAULT 0 NOT NULL,
	"operators_busy_message" text,
	"event_callback_url" text,
	"event_callback_data" text,
	"timer_first_answer" integer DEFAULT 0 NOT NULL,
	"timer_next_answers" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "operator_group_members" (
	"group_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	CONSTRAINT "operator_group_members_group_id_user_id_pk" PRIMARY KEY("group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "operator_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"name" text NOT NULL,
	"timer_first_answer" integer DEFAULT 0 NOT NULL,
	"timer_next_answers" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_operators" (
	"session_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_operators_session_id_user_id_pk" PRIMARY KEY("session_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "attachments" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "reply_to_message_id" uuid;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "chat_id" uuid;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "operator_assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "messenger_type" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "marked_as_spam" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "last_message_id" uuid;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "last_client_message_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "last_operator_message" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "first_client_message_after_operator" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "status" "operator_status" DEFAULT 'online' NOT NULL;--> statement-breakpoint
ALTER TABLE "chats" ADD CONSTRAINT "chats_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_group_members" ADD CONSTRAINT "operator_group_members_group_id_operator_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."operator_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_group_members" ADD CONSTRAINT "operator_group_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_group_members" ADD CONSTRAINT "operator_group_members_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_groups" ADD CONSTRAINT "operator_groups_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_operators" ADD CONSTRAINT "session_operators_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_operators" ADD CONSTRAINT "session_operators_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_operators" ADD CONSTRAINT "session_operators_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chats_company_idx" ON "chats" USING btree ("company_id","name");--> statement-breakpoint
CREATE INDEX "operator_group_members_user_idx" ON "operator_group_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "operator_groups_name_key" ON "operator_groups" USING btree ("company_id",lower("name"));--> statement-breakpoint
CREATE INDEX "session_operators_user_idx" ON "session_operators" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_reply_to_message_id_messages_id_fk" FOREIGN KEY ("reply_to_message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_chat_idx" ON "sessions" USING btree ("chat_id");--> statement-breakpoint
-- Dialogues of the earlier release: fill what their messages already tell.
UPDATE "sessions" SET "operator_assigned_at" = "started_at" WHERE "operator_id" IS NOT NULL;--> statement-breakpoint
UPDATE "sessions" s SET
  "last_message_id" = (SELECT m."id" FROM "messages" m WHERE m."session_id" = s."id" AND m."author_type" <> 'system'
    ORDER BY m."created_at" DESC, m."id" DESC LIMIT 1),
  "last_client_message_at" = (SELECT max(m."created_at") FROM "messages" m WHERE m."session_id" = s."id" AND m."author_type" = 'client'),
  "last_operator_message" = (SELECT m."body" FROM "messages" m WHERE m."session_id" = s."id" AND m."author_type" = 'operator'
    ORDER BY m."created_at" DESC LIMIT 1);
