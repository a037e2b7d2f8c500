-- The source's stage kept on each sighting too, as sort_at is (0005): a page of one stage's sightings is then a walk
-- of (leak_id, stage, sort_at, id), and its count a range of that index, instead of a join to every source of the leak.
ALTER TABLE `sightings` ADD `stage` text;--> statement-breakpoint
UPDATE `sightings` SET `stage` = (SELECT `stage` FROM `sources` WHERE `sources`.`id` = `sightings`.`source_id`);--> statement-breakpoint
DROP TRIGGER IF EXISTS `sightings_sort_at_insert`;--> statement-breakpoint
CREATE TRIGGER `sightings_source_fields_insert` AFTER INSERT ON `sightings`
BEGIN
  UPDATE `sightings` SET (`sort_at`, `stage`) = (SELECT coalesce(`published_at`, `observed_at`), `stage` FROM `sources` WHERE `id` = NEW.`source_id`) WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `sources_stage_update` AFTER UPDATE OF `stage` ON `sources`
WHEN NEW.`stage` IS NOT OLD.`stage`
BEGIN
  UPDATE `sightings` SET `stage` = NEW.`stage` WHERE `source_id` = NEW.`id`;
END;--> statement-breakpoint
CREATE INDEX `sightings_leak_stage_sort` ON `sightings` (`leak_id`,`stage`,`sort_at`,`id`);
