CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`subject_name` text NOT NULL,
	`severity` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`message` text NOT NULL,
	`level` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	`acknowledged_by` text,
	`snoozed_until` text,
	`resolved_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_live_subject_idx` ON `alerts` (`kind`,`subject_type`,`subject_id`) WHERE state <> 'resolved';--> statement-breakpoint
CREATE INDEX `alerts_state_idx` ON `alerts` (`state`,`created_at`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`webhook_id` integer,
	`recipient` text,
	`event` text NOT NULL,
	`payload` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_status` integer,
	`last_error` text,
	`delivered_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`webhook_id`) REFERENCES `webhooks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `deliveries_due_idx` ON `deliveries` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `job_leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text,
	`expires_at` integer DEFAULT 0 NOT NULL,
	`last_run_at` integer,
	`last_run_by` text,
	`runs` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `reclaims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`seat_id` integer,
	`subscription_id` integer,
	`subscription_name` text NOT NULL,
	`person_id` integer NOT NULL,
	`email` text NOT NULL,
	`state` text NOT NULL,
	`holder_status` text NOT NULL,
	`annual_saving` integer NOT NULL,
	`currency` text NOT NULL,
	`respond_by` text,
	`keep_reason` text,
	`kept_until` text,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	`notified_at` integer,
	`responded_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`seat_id`) REFERENCES `seats`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reclaims_state_idx` ON `reclaims` (`state`);--> statement-breakpoint
CREATE INDEX `reclaims_subscription_idx` ON `reclaims` (`subscription_id`,`person_id`);--> statement-breakpoint
CREATE TABLE `savings_snapshots` (
	`day` text NOT NULL,
	`currency` text NOT NULL,
	`potential` integer NOT NULL,
	`realised` integer NOT NULL,
	PRIMARY KEY(`day`, `currency`)
);
--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`url` text NOT NULL,
	`secret` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
