CREATE TABLE `sso_device_codes` (
	`code_hash` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`redirect` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sso_device_codes_expires_idx` ON `sso_device_codes` (`expires_at`);--> statement-breakpoint
ALTER TABLE `devices` ADD `verified_at` integer;