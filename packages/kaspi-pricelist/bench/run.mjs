// Benchmark of the price-list writer, parser and validator (`pnpm bench`). Every contender runs
// in its own child process, one after another, so each peak RSS is its own and ratios come from
// the same run on the same machine. Not part of `test`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const sizes = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);
// xmlbuilder2's DOM needs about 1 GB per 100k offers: measured at 100k only, unless asked.
const domLimit = Number(process.env.BENCH_DOM_LIMIT ?? 100000);
const loadBefore = loadavg();
const dir = mkdtempSync(join(tmpdir(), 'kaspi-pricelist-bench-'));

function contender(name, count, file) {
  const output = execFileSync(
    process.execPath,
    [join(here, 'contender.mjs'), name, String(count), file],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(output.trim().split('\n').at(-1));
}

/** Median throughput of `runs` runs; peak RSS is the largest seen. */
function measure(name, count, file, times = runs) {
  const results = Array.from({ length: times }, () => contender(name, count, file));
  results.sort((a, b) => a.offersPerSecond - b.offersPerSecond);
  const median = results[Math.floor(results.length / 2)];
  return { ...median, peakRssMb: Math.max(...results.map((r) => r.peakRssMb)) };
}

const BASELINE = 'template literal (baseline)';
const BYTES = 'template literal, byte chunks';
const ESCAPING = 'escaping template, byte chunks';
const WRITER = 'kaspi-pricelist writer';

/**
 * Runs the baselines and our writer in rotating order, and takes the median of the per-round
 * ratios, so that load changing on a shared machine hits all alike.
 */
function measureRound(count, file) {
  const rounds = [];
  const names = [ESCAPING, WRITER, BYTES, BASELINE];
  for (let i = 0; i < runs; i++) {
    const shift = i % names.length;
    const order = [...names.slice(shift), ...names.slice(0, shift)];
    rounds.push(Object.fromEntries(order.map((name) => [name, contender(name, count, file)])));
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const summary = (name) => ({
    ...rounds[0][name],
    offersPerSecond: median(rounds.map((round) => round[name].offersPerSecond)),
    peakRssMb: Math.max(...rounds.map((round) => round[name].peakRssMb)),
  });
  const ratio = (name, to) =>
    median(rounds.map((round) => round[name].offersPerSecond / round[to].offersPerSecond));
  const cpuRatio = (name, to) =>
    median(rounds.map((round) => round[name].offersPerCpuSecond / round[to].offersPerCpuSecond));
  // The lowest and highest per-round ratio of the writer to the escaping template, for the spread.
  const range = (key) => {
    const values = rounds.map((round) => round[WRITER][key] / round[ESCAPING][key]);
    return [Math.min(...values), Math.max(...values)];
  };
  return {
    escaping: {
      ...summary(ESCAPING),
      vsEscaping: 1,
      vsEscapingCpu: 1,
      vsBaseline: ratio(ESCAPING, BASELINE),
      vsBytes: ratio(ESCAPING, BYTES),
    },
    baseline: {
      ...summary(BASELINE),
      vsEscaping: ratio(BASELINE, ESCAPING),
      vsEscapingCpu: cpuRatio(BASELINE, ESCAPING),
    },
    bytes: {
      ...summary(BYTES),
      vsEscaping: ratio(BYTES, ESCAPING),
      vsEscapingCpu: cpuRatio(BYTES, ESCAPING),
      vsBaseline: ratio(BYTES, BASELINE),
    },
    writer: {
      ...summary(WRITER),
      vsEscaping: ratio(WRITER, ESCAPING),
      vsEscapingCpu: cpuRatio(WRITER, ESCAPING),
      vsBaseline: ratio(WRITER, BASELINE),
      vsBytes: ratio(WRITER, BYTES),
      spread: { wall: range('offersPerSecond'), cpu: range('offersPerCpuSecond') },
    },
  };
}

const rows = [];
try {
  for (const count of sizes) {
    const file = join(dir, `pricelist-${count}.xml`);
    const { escaping, baseline, bytes: byteChunks, writer } = measureRound(count, file);
    contender('prepare parser input', count, file);
    const bytes = statSync(file).size;
    const parser = measure('kaspi-pricelist parser', count, file);
    const validator = measure('kaspi-pricelist validator', count, file);
    const dom =
      count <= domLimit ? measure('xmlbuilder2 DOM', count, join(dir, 'dom.xml'), 1) : undefined;
    rows.push({ ...writer, fileMb: bytes / 1e6 });
    rows.push({ ...escaping, fileMb: bytes / 1e6 });
    rows.push({ ...byteChunks, fileMb: bytes / 1e6 });
    rows.push({ ...baseline, vsBaseline: 1, fileMb: bytes / 1e6 });
    if (dom === undefined) {
      rows.push({
        name: 'xmlbuilder2 DOM',
        count,
        skipped: `not run above ${domLimit} offers (~1 GB per 100k)`,
      });
    } else {
      rows.push({
        ...dom,
        vsEscaping: dom.offersPerSecond / escaping.offersPerSecond,
        vsBaseline: dom.offersPerSecond / baseline.offersPerSecond,
      });
    }
    rows.push({ ...parser, vsBaseline: undefined });
    rows.push({ ...validator, vsBaseline: undefined });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const load = (values) => values.map((n) => fmt(n, 1)).join(' ');
const lines = [
  `Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), ${fmt(totalmem() / 2 ** 30, 1)} GiB RAM; load average (1/5/15 min) ${load(loadBefore)} before, ${load(loadavg())} after; median of ${runs} runs, one process per run; writer ratios = median of per-round ratios (the writer and the three templates run in rotating order), by wall time and by CPU time`,
  '',
  '| contender | offers | offers/s | vs escaping byte-chunk template | same, by CPU time | vs byte-chunk template | vs template literal | peak RSS (MB) |',
  '|---|---:|---:|---:|---:|---:|---:|---:|',
];
for (const row of rows) {
  if (row.skipped) {
    lines.push(`| ${row.name} | ${fmt(row.count)} | — | — | — | — | — | ${row.skipped} |`);
    continue;
  }
  const ratio = (value) => (value === undefined ? '—' : `${fmt(value, 2)}×`);
  lines.push(
    `| ${row.name} | ${fmt(row.count)} | ${fmt(row.offersPerSecond)} | ${ratio(row.vsEscaping)} | ${ratio(row.vsEscapingCpu)} | ${ratio(row.vsBytes)} | ${ratio(row.vsBaseline)} | ${fmt(row.peakRssMb)} |`,
  );
}
lines.push('');
for (const row of rows) {
  if (row.spread === undefined) continue;
  const span = ([low, high]) => `${fmt(low, 2)}–${fmt(high, 2)}×`;
  lines.push(
    `Writer vs escaping byte-chunk template at ${fmt(row.count)} offers, per round: ${span(row.spread.wall)} by wall time, ${span(row.spread.cpu)} by CPU time.`,
  );
}
const table = lines.join('\n');
console.log(table);
mkdirSync(join(here, '..', '.bench-output'), { recursive: true });
writeFileSync(join(here, '..', '.bench-output', 'results.json'), JSON.stringify(rows, null, 2));
writeFileSync(join(here, '..', '.bench-output', 'table.md'), `${table}\n`);
