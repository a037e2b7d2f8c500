CREATE TABLE `timelines` (
	`leak_id` integer PRIMARY KEY NOT NULL,
	`json` text NOT NULL,
	`sightings` integer NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`leak_id`) REFERENCES `leaks`(`id`) ON UPDATE no action ON DELETE cascade
);
