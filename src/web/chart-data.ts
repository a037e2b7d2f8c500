import type { Timeline } from '../domain/timeline/types.ts';

export interface ChartMark {
  /** Unix seconds. */
  t: number;
  label: string;
  /** The stage whose colour the mark takes. */
  stage: string;
}

/** What the client script draws: cumulative sightings (one per source) per stage over time, and the moments that matter. */
export interface StageChart {
  unit: 'hour' | 'day';
  /** Unix seconds, ascending. */
  x: number[];
  /** Cumulative sightings of each stage at each x; null before the stage's first sighting (so a log scale can draw it). */
  series: { stage: string; label: string; values: (number | null)[] }[];
  /** A log scale when the stages differ by orders of magnitude (a handful of pastes, thousands of posts). */
  log: boolean;
  marks: ChartMark[];
  /** Coordinated bursts (unix seconds), shaded; bursts closer than one step of the chart are one band. */
  bursts: [number, number][];
}

/** Hourly buckets while they stay readable; daily beyond. */
const MAX_HOURLY_POINTS = 2400;

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/**
 * The stage chart of a stored timeline, from its hourly (or daily) series:
 * the chart never reads sightings, so a leak with 100,000 of them draws from
 * a few thousand numbers.
 *
 * @example
 * stageChartData(timeline)?.series.map((s) => s.values.at(-1)); // [1, 2, 1]: every sighting, counted by the end
 */
export function stageChartData(t: Timeline): StageChart | null {
  const hourlyPoints = new Set(t.stages.flatMap((s) => s.series.hourly.map((b) => b.at))).size;
  const unit = hourlyPoints <= MAX_HOURLY_POINTS ? 'hour' : 'day';
  const buckets = t.stages.map((s) => (unit === 'hour' ? s.series.hourly : s.series.daily));
  const times = [...new Set(buckets.flatMap((b) => b.map((x) => seconds(x.at))))].sort((a, b) => a - b);
  if (times.length === 0) return null;
  const step = unit === 'hour' ? 3600 : 86_400;
  // a point one step before the first and after the last, so steps start from nothing and the last one shows
  const x = [times[0]! - step, ...times, times.at(-1)! + step];
  const series = t.stages.map((s, i) => {
    const counts = new Map(buckets[i]!.map((b) => [seconds(b.at), b.sightings]));
    let total = 0;
    const values = x.map((at) => {
      total += counts.get(at) ?? 0;
      return total === 0 ? null : total;
    });
    return { stage: s.stage, label: `${s.stage} (${s.sightings})`, values };
  });
  const totals = t.stages.map((s) => s.sightings).filter((n) => n > 0);
  const log = totals.length > 1 && Math.max(...totals) / Math.min(...totals) >= 50;
  return { unit, x, series, log, marks: chartMarks(t), bursts: burstBands(t.coordinatedSpans ?? t.coordinated ?? [], step) };
}

/**
 * The timeline's burst spans merged again into bands at the chart's
 * resolution (a timeline stored before spans were kept has its bursts).
 */
function burstBands(bursts: readonly { start: string; end: string }[], step: number): [number, number][] {
  const spans = bursts.map((b) => [seconds(b.start), seconds(b.end)] as [number, number]).filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b)).sort((a, b) => a[0] - b[0]);
  const bands: [number, number][] = [];
  for (const [start, end] of spans) {
    const last = bands.at(-1);
    if (last && start <= last[1] + step) last[1] = Math.max(last[1], end);
    else bands.push([start, end]);
  }
  return bands;
}

function chartMarks(t: Timeline): ChartMark[] {
  const marks: ChartMark[] = [];
  if (t.droppedAt) marks.push({ t: seconds(t.droppedAt), label: 'registered drop', stage: 'drop' });
  for (const s of t.stages) {
    if (s.firstSeenAt) marks.push({ t: seconds(s.firstSeenAt), label: `first ${s.stage}`, stage: s.stage });
  }
  const firstMainstream = t.stages.find((s) => s.stage === 'mainstream')?.firstSeenAt;
  if (t.enteredMainstreamAt && t.enteredMainstreamAt !== firstMainstream) marks.push({ t: seconds(t.enteredMainstreamAt), label: 'entered the mainstream (tier 1)', stage: 'mainstream' });
  else if (t.enteredMainstreamAt) {
    const first = marks.find((m) => m.label === 'first mainstream');
    if (first) first.label = 'first mainstream, entering the mainstream (tier 1)';
  }
  return marks.filter((m) => Number.isFinite(m.t)).sort((a, b) => a.t - b.t);
}
