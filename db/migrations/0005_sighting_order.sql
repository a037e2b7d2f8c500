-- A leak's sightings are listed oldest first by the time their source claims, else when it was observed.
-- That time lives on the source; kept on each sighting too (by the triggers below, whoever writes the rows),
-- a page of sightings is a walk of (leak_id, sort_at, id) instead of a sort of all of the leak's sightings.
ALTER TABLE `sightings` ADD `sort_at` text;--> statement-breakpoint
UPDATE `sightings` SET `sort_at` = (SELECT coalesce(`published_at`, `observed_at`) FROM `sources` WHERE `sources`.`id` = `sightings`.`source_id`);--> statement-breakpoint
CREATE TRIGGER `sightings_sort_at_insert` AFTER INSERT ON `sightings`
BEGIN
  UPDATE `sightings` SET `sort_at` = (SELECT coalesce(`published_at`, `observed_at`) FROM `sources` WHERE `id` = NEW.`source_id`) WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `sources_sort_at_update` AFTER UPDATE OF `published_at`, `observed_at` ON `sources`
WHEN coalesce(NEW.`published_at`, NEW.`observed_at`) IS NOT coalesce(OLD.`published_at`, OLD.`observed_at`)
BEGIN
  UPDATE `sightings` SET `sort_at` = coalesce(NEW.`published_at`, NEW.`observed_at`) WHERE `source_id` = NEW.`id`;
END;--> statement-breakpoint
CREATE INDEX `sightings_leak_sort` ON `sightings` (`leak_id`,`sort_at`,`id`);--> statement-breakpoint
CREATE INDEX `sightings_document` ON `sightings` (`document_id`);--> statement-breakpoint
CREATE INDEX `sightings_source` ON `sightings` (`source_id`);
