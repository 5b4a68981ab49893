CREATE TABLE "call_summaries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"state" text NOT NULL,
	"error" text,
	"producer_kind" text NOT NULL,
	"producer" text NOT NULL,
	"settings_version" integer,
	"override_instructions" text,
	"headline" text,
	"summary" text,
	"summary_html" text,
	"action_items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"language" text,
	"is_requested" boolean DEFAULT false NOT NULL,
	"batch_id" uuid,
	"requested_by_id" uuid,
	"requested_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "summary_batches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"query" text NOT NULL,
	"total" integer NOT NULL,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "summary_settings_versions" (
	"org_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"base_instructions" text DEFAULT '' NOT NULL,
	"provider" text DEFAULT 'builtin' NOT NULL,
	"base_url" text,
	"model" text,
	"encrypted_api_key" text,
	"api_key_hint" text,
	"include_internal" boolean DEFAULT false NOT NULL,
	"language" text,
	"restored_from" integer,
	"author_id" uuid,
	"author_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "summary_settings_versions_org_id_version_pk" PRIMARY KEY("org_id","version")
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "email_summaries" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "current_summary_id" uuid;--> statement-breakpoint
ALTER TABLE "call_summaries" ADD CONSTRAINT "call_summaries_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_summaries" ADD CONSTRAINT "call_summaries_org_id_call_id_calls_org_id_id_fk" FOREIGN KEY ("org_id","call_id") REFERENCES "public"."calls"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "summary_batches" ADD CONSTRAINT "summary_batches_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "summary_settings_versions" ADD CONSTRAINT "summary_settings_versions_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "summary_settings_versions" ADD CONSTRAINT "summary_settings_versions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_summaries_call_idx" ON "call_summaries" USING btree ("org_id","call_id","created_at");--> statement-breakpoint
CREATE INDEX "call_summaries_batch_idx" ON "call_summaries" USING btree ("org_id","batch_id");--> statement-breakpoint
CREATE INDEX "call_summaries_waiting_idx" ON "call_summaries" USING btree ("created_at") WHERE state = 'created';--> statement-breakpoint
CREATE INDEX "summary_batches_org_idx" ON "summary_batches" USING btree ("org_id","created_at");