// Benchmark of the price-list writer, parser and validator (`pnpm bench`). Every contender runs
// in its own child process, one after another, so each peak RSS is its own and ratios come from
// the same run on the same machine. Not part of `test`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const sizes = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);
// xmlbuilder2's DOM needs about 1 GB per 100k offers: measured at 100k only, unless asked.
const domLimit = Number(process.env.BENCH_DOM_LIMIT ?? 100000);
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

/**
 * Runs the baseline and our writer in alternating pairs (order flipped each pair) and takes the
 * median of the per-pair ratios, so that load changing on a shared machine hits both sides alike.
 */
function measurePair(count, file) {
  const pairs = [];
  for (let i = 0; i < runs; i++) {
    const order =
      i % 2 === 0
        ? ['template literal (baseline)', 'kaspi-pricelist writer']
        : ['kaspi-pricelist writer', 'template literal (baseline)'];
    const results = Object.fromEntries(order.map((name) => [name, contender(name, count, file)]));
    pairs.push({
      baseline: results['template literal (baseline)'],
      writer: results['kaspi-pricelist writer'],
    });
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const summary = (side) => ({
    ...pairs[0][side],
    offersPerSecond: median(pairs.map((pair) => pair[side].offersPerSecond)),
    peakRssMb: Math.max(...pairs.map((pair) => pair[side].peakRssMb)),
  });
  return {
    baseline: summary('baseline'),
    writer: summary('writer'),
    ratio: median(pairs.map((pair) => pair.writer.offersPerSecond / pair.baseline.offersPerSecond)),
  };
}

const rows = [];
try {
  for (const count of sizes) {
    const file = join(dir, `pricelist-${count}.xml`);
    const { baseline, writer, ratio } = measurePair(count, file);
    contender('prepare parser input', count, file);
    const bytes = statSync(file).size;
    const parser = measure('kaspi-pricelist parser', count, file);
    const validator = measure('kaspi-pricelist validator', count, file);
    const dom =
      count <= domLimit ? measure('xmlbuilder2 DOM', count, join(dir, 'dom.xml'), 1) : undefined;
    rows.push({ ...baseline, vsBaseline: 1, fileMb: bytes / 1e6 });
    rows.push({ ...writer, vsBaseline: ratio, fileMb: bytes / 1e6 });
    if (dom === undefined) {
      rows.push({
        name: 'xmlbuilder2 DOM',
        count,
        skipped: `not run above ${domLimit} offers (~1 GB per 100k)`,
      });
    } else {
      rows.push({ ...dom, vsBaseline: dom.offersPerSecond / baseline.offersPerSecond });
    }
    rows.push({ ...parser, vsBaseline: undefined });
    rows.push({ ...validator, vsBaseline: undefined });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const lines = [
  `Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), ${fmt(totalmem() / 2 ** 30, 1)} GiB RAM; median of ${runs} runs, one process per run; writer ratio = median of per-pair ratios (baseline and writer run alternately)`,
  '',
  '| contender | offers | offers/s | vs baseline | peak RSS (MB) |',
  '|---|---:|---:|---:|---:|',
];
for (const row of rows) {
  if (row.skipped) {
    lines.push(`| ${row.name} | ${fmt(row.count)} | — | — | ${row.skipped} |`);
    continue;
  }
  const ratio = row.vsBaseline === undefined ? '—' : `${fmt(row.vsBaseline, 2)}×`;
  lines.push(
    `| ${row.name} | ${fmt(row.count)} | ${fmt(row.offersPerSecond)} | ${ratio} | ${fmt(row.peakRssMb)} |`,
  );
}
const table = lines.join('\n');
console.log(table);
mkdirSync(join(here, '..', '.bench-output'), { recursive: true });
writeFileSync(join(here, '..', '.bench-output', 'results.json'), JSON.stringify(rows, null, 2));
writeFileSync(join(here, '..', '.bench-output', 'table.md'), `${table}\n`);
