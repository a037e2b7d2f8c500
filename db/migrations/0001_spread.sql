CREATE TABLE `domains` (
	`pattern` text PRIMARY KEY NOT NULL,
	`stage` text NOT NULL,
	`tier` integer,
	`label` text,
	`platform` text,
	`origin` text DEFAULT 'user' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `feeds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`url` text NOT NULL,
	`kind` text NOT NULL,
	`every_seconds` integer NOT NULL,
	`last_polled_at` text,
	`last_error` text,
	`etag` text,
	`last_modified` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feeds_url_unique` ON `feeds` (`url`);--> statement-breakpoint
CREATE TABLE `links` (
	`source_id` integer NOT NULL,
	`url` text NOT NULL,
	`text` text,
	PRIMARY KEY(`source_id`, `url`),
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `links_url` ON `links` (`url`);--> statement-breakpoint
CREATE TABLE `posts` (
	`source_id` integer PRIMARY KEY NOT NULL,
	`platform` text NOT NULL,
	`post_id` text NOT NULL,
	`account` text NOT NULL,
	`repost_of` text,
	`quote_of` text,
	`reply_to` text,
	`metrics` text,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `posts_platform_id` ON `posts` (`platform`,`post_id`);--> statement-breakpoint
CREATE INDEX `posts_account` ON `posts` (`account`);--> statement-breakpoint
CREATE TABLE `seen_urls` (
	`url` text PRIMARY KEY NOT NULL,
	`feed_id` integer,
	`first_seen_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sightings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`leak_id` integer NOT NULL,
	`document_id` integer,
	`source_id` integer NOT NULL,
	`kind` text NOT NULL,
	`similarity` real NOT NULL,
	`evidence` text NOT NULL,
	`observed_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`leak_id`) REFERENCES `leaks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sightings_unique` ON `sightings` (`leak_id`,`source_id`,ifnull(`document_id`, 0));--> statement-breakpoint
CREATE INDEX `sightings_leak_time` ON `sightings` (`leak_id`,`observed_at`);--> statement-breakpoint
CREATE TABLE `source_texts` (
	`source_id` integer PRIMARY KEY NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`url` text NOT NULL,
	`canonical_url` text,
	`domain` text,
	`kind` text NOT NULL,
	`platform` text,
	`account` text,
	`title` text,
	`stage` text NOT NULL,
	`tier` integer,
	`published_at` text,
	`observed_at` text NOT NULL,
	`text_sha256` text,
	`words` integer DEFAULT 0 NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sources_url_unique` ON `sources` (`url`);--> statement-breakpoint
CREATE INDEX `sources_domain` ON `sources` (`domain`);--> statement-breakpoint
CREATE INDEX `sources_canonical` ON `sources` (`canonical_url`);--> statement-breakpoint
ALTER TABLE `leak_files` ADD `note` text;