CREATE TABLE `merchant_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pattern` text NOT NULL,
	`app_id` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `merchant_rules_pattern_unique` ON `merchant_rules` (`pattern`);--> statement-breakpoint
CREATE TABLE `purchase_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subscription_id` integer,
	`contract_ref` text,
	`vendor` text,
	`file_name` text,
	`row` integer NOT NULL,
	`quantity` integer,
	`line_total` integer,
	`currency` text,
	`start_date` text,
	`end_date` text,
	`imported_by` text NOT NULL,
	`imported_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `purchase_records_subscription_idx` ON `purchase_records` (`subscription_id`);--> statement-breakpoint
CREATE TABLE `spend_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`line_key` text NOT NULL,
	`day` text NOT NULL,
	`merchant` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`email` text,
	`memo` text,
	`source` text NOT NULL,
	`app_id` text,
	`imported_by` text NOT NULL,
	`imported_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `spend_lines_line_key_unique` ON `spend_lines` (`line_key`);--> statement-breakpoint
CREATE INDEX `spend_lines_app_day_idx` ON `spend_lines` (`app_id`,`day`);--> statement-breakpoint
CREATE INDEX `spend_lines_merchant_idx` ON `spend_lines` (`merchant`);--> statement-breakpoint
CREATE TABLE `vendor_aliases` (
	`alias` text PRIMARY KEY NOT NULL,
	`app_id` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `subscriptions` ADD `contract_ref` text;--> statement-breakpoint
CREATE UNIQUE INDEX `subscriptions_contract_line_idx` ON `subscriptions` (`contract_ref`,`app_id`,`plan`) WHERE contract_ref IS NOT NULL;