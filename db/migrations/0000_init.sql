CREATE TABLE `document_texts` (
	`document_id` integer PRIMARY KEY NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`sha256` text,
	`text_sha256` text,
	`simhash` text,
	`format` text NOT NULL,
	`mime` text,
	`bytes` integer NOT NULL,
	`status` text NOT NULL,
	`error_code` text,
	`error` text,
	`metadata` text DEFAULT '{}' NOT NULL,
	`words` integer DEFAULT 0 NOT NULL,
	`fingerprints` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_key_unique` ON `documents` (`key`);--> statement-breakpoint
CREATE INDEX `documents_text_sha256` ON `documents` (`text_sha256`);--> statement-breakpoint
CREATE INDEX `documents_sha256` ON `documents` (`sha256`);--> statement-breakpoint
CREATE TABLE `fingerprints` (
	`hash` integer NOT NULL,
	`document_id` integer NOT NULL,
	`offset` integer NOT NULL,
	PRIMARY KEY(`hash`, `document_id`, `offset`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`payload` text NOT NULL,
	`progress` text,
	`result` text,
	`error` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `jobs_status` ON `jobs` (`status`);--> statement-breakpoint
CREATE TABLE `leak_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`leak_id` integer NOT NULL,
	`document_id` integer NOT NULL,
	`path` text NOT NULL,
	`parent_path` text,
	`depth` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`leak_id`) REFERENCES `leaks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leak_files_leak_path` ON `leak_files` (`leak_id`,`path`);--> statement-breakpoint
CREATE INDEX `leak_files_document` ON `leak_files` (`document_id`);--> statement-breakpoint
CREATE TABLE `leaks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text,
	`dropped_at` text,
	`drop_url` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leaks_slug_unique` ON `leaks` (`slug`);