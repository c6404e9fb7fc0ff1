CREATE TABLE `connector_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`connector_id` integer NOT NULL,
	`kind` text NOT NULL,
	`outcome` text NOT NULL,
	`actor` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer NOT NULL,
	`counts` text,
	`vendor_status` integer,
	`message` text,
	`reclaim_id` integer,
	FOREIGN KEY (`connector_id`) REFERENCES `connectors`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reclaim_id`) REFERENCES `reclaims`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `connector_runs_connector_idx` ON `connector_runs` (`connector_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `connectors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subscription_id` integer NOT NULL,
	`kind` text NOT NULL,
	`base_url` text NOT NULL,
	`token` text NOT NULL,
	`deprovision` text NOT NULL,
	`sync_every_hours` integer DEFAULT 24 NOT NULL,
	`max_deletion_share` real DEFAULT 0.2 NOT NULL,
	`last_sync_at` integer,
	`last_sync_outcome` text,
	`last_sync_message` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `connectors_subscription_id_unique` ON `connectors` (`subscription_id`);--> statement-breakpoint
ALTER TABLE `reclaims` ADD `vendor_problem` text;