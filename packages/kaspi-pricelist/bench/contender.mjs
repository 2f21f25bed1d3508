// One benchmark contender per process, so that peak RSS (maxRSS) belongs to it alone.
// Usage: node bench/contender.mjs <contender> <offers> <file>
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { header, simpleOffers } from './offers.mjs';

const [name = '', countText = '0', file = ''] = process.argv.slice(2);
// Writers write to /dev/null: the CPU cost of rendering, encoding and stream plumbing is measured,
// not the disk (which on a shared CI disk is slower than every contender). The parser reads a real file.
const sinkPath = process.env.BENCH_SINK ?? '/dev/null';
const count = Number(countText);
const lib = await import('../dist/index.js');

/** Bare template-literal writer: no validation, no escaping; same batching and sink as ours. */
async function templateLiteral(out) {
  let chunk = `<?xml version="1.0" encoding="utf-8"?>\n<kaspi_catalog date="${header.date}" xmlns="kaspiShopping"><company>${header.company}</company><merchantid>${header.merchantId}</merchantid><offers>`;
  for (const o of simpleOffers(count)) {
    chunk += `<offer sku="${o.sku}"><model>${o.model}</model><brand>${o.brand}</brand><availabilities>`;
    for (const a of o.availabilities) {
      chunk += `<availability available="${a.available ? 'yes' : 'no'}" storeId="${a.storeId}" stockCount="${a.stockCount}"/>`;
    }
    chunk += `</availabilities><price>${o.price}</price></offer>`;
    if (chunk.length >= 65536) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(`${chunk}</offers></kaspi_catalog>\n`);
  await finished(out);
}

/**
 * The same template literals, encoded per offer into 64 KiB byte chunks as our writer does: shows
 * what validation and escaping cost once both sides avoid flattening a 64 KiB concatenated string.
 */
async function templateLiteralBytes(out) {
  let bytes = Buffer.allocUnsafe(1 << 17);
  let length = bytes.write(
    `<?xml version="1.0" encoding="utf-8"?>\n<kaspi_catalog date="${header.date}" xmlns="kaspiShopping"><company>${header.company}</company><merchantid>${header.merchantId}</merchantid><offers>`,
  );
  for (const o of simpleOffers(count)) {
    let xml = `<offer sku="${o.sku}"><model>${o.model}</model><brand>${o.brand}</brand><availabilities>`;
    for (const a of o.availabilities) {
      xml += `<availability available="${a.available ? 'yes' : 'no'}" storeId="${a.storeId}" stockCount="${a.stockCount}"/>`;
    }
    xml += `</availabilities><price>${o.price}</price></offer>`;
    length += bytes.write(xml, length);
    if (length >= 65536) {
      const full = !out.write(bytes.subarray(0, length));
      bytes = Buffer.allocUnsafe(1 << 17);
      length = 0;
      if (full) await once(out, 'drain');
    }
  }
  length += bytes.write('</offers></kaspi_catalog>\n', length);
  out.end(bytes.subarray(0, length));
  await finished(out);
}

// The usual fast escaper: a test that lets plain strings through, then one replace.
const SPECIALS = /[&<>"']/;
const SPECIALS_ALL = /[&<>"']/g;
const ENTITY = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeXml = (value) =>
  SPECIALS.test(value) ? value.replace(SPECIALS_ALL, (char) => ENTITY[char]) : value;

/**
 * The byte-chunk template with every string escaped and rendering overlapped with I/O: the
 * strongest honest reference, what a careful hand-written renderer does, minus validation.
 */
async function escapingTemplateBytes(out) {
  let full;
  let bytes = Buffer.allocUnsafe(1 << 17);
  let length = bytes.write(
    `<?xml version="1.0" encoding="utf-8"?>\n<kaspi_catalog date="${escapeXml(header.date)}" xmlns="kaspiShopping"><company>${escapeXml(header.company)}</company><merchantid>${escapeXml(header.merchantId)}</merchantid><offers>`,
  );
  for (const o of simpleOffers(count)) {
    let xml = `<offer sku="${escapeXml(o.sku)}"><model>${escapeXml(o.model)}</model><brand>${escapeXml(o.brand)}</brand><availabilities>`;
    for (const a of o.availabilities) {
      xml += `<availability available="${a.available ? 'yes' : 'no'}" storeId="${escapeXml(a.storeId)}" stockCount="${a.stockCount}"/>`;
    }
    xml += `</availabilities><price>${o.price}</price></offer>`;
    length += bytes.write(xml, length);
    if (length >= 65536) {
      // Like our writer: render the next chunk while this one is written, never into a full stream.
      if (full) await full;
      full = out.write(bytes.subarray(0, length)) ? undefined : once(out, 'drain');
      bytes = Buffer.allocUnsafe(1 << 17);
      length = 0;
    }
  }
  if (full) await full;
  length += bytes.write('</offers></kaspi_catalog>\n', length);
  out.end(bytes.subarray(0, length));
  await finished(out);
}

/** xmlbuilder2's DOM API: build the whole tree, then serialize. */
async function xmlbuilder2Dom(out) {
  const { create } = await import('xmlbuilder2');
  const root = create({ version: '1.0', encoding: 'utf-8' }).ele('kaspiShopping', 'kaspi_catalog', {
    date: header.date,
  });
  root.ele('kaspiShopping', 'company').txt(header.company);
  root.ele('kaspiShopping', 'merchantid').txt(header.merchantId);
  const offers = root.ele('kaspiShopping', 'offers');
  for (const o of simpleOffers(count)) {
    const offer = offers.ele('kaspiShopping', 'offer', { sku: o.sku });
    offer.ele('kaspiShopping', 'model').txt(o.model);
    offer.ele('kaspiShopping', 'brand').txt(o.brand);
    const list = offer.ele('kaspiShopping', 'availabilities');
    for (const a of o.availabilities) {
      list.ele('kaspiShopping', 'availability', {
        available: a.available ? 'yes' : 'no',
        storeId: a.storeId,
        stockCount: String(a.stockCount),
      });
    }
    offer.ele('kaspiShopping', 'price').txt(String(o.price));
  }
  out.end(root.end({ prettyPrint: false }));
  await finished(out);
}

const contenders = {
  'template literal (baseline)': () => templateLiteral(createWriteStream(sinkPath)),
  'template literal, byte chunks': () => templateLiteralBytes(createWriteStream(sinkPath)),
  'escaping template, byte chunks': () => escapingTemplateBytes(createWriteStream(sinkPath)),
  'xmlbuilder2 DOM': () => xmlbuilder2Dom(createWriteStream(sinkPath)),
  'kaspi-pricelist writer': () =>
    lib.writePriceList({ ...header, offers: simpleOffers(count) }, createWriteStream(sinkPath)),
  // Not timed in the table: produces the parser's input file.
  'prepare parser input': () =>
    lib.writePriceList({ ...header, offers: simpleOffers(count) }, createWriteStream(file)),
  'kaspi-pricelist parser': async () => {
    let parsed = 0;
    for await (const _offer of lib.streamOffers(createReadStream(file))) parsed++;
    if (parsed !== count) throw new Error(`parsed ${parsed} of ${count}`);
  },
  'kaspi-pricelist validator': async () => {
    const result = lib.validatePriceList({ ...header, offers: simpleOffers(count) });
    if (!result.valid) throw new Error('bench offers are invalid');
  },
};

const run = contenders[name];
if (run === undefined) throw new Error(`unknown contender ${name}`);
const start = performance.now();
const cpuStart = process.cpuUsage();
await run();
const seconds = (performance.now() - start) / 1000;
// CPU time (user + system, all threads): on a machine shared with other work it moves far less
// than wall time, which includes waiting for a core.
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
process.stdout.write(
  `${JSON.stringify({ name, count, seconds, offersPerSecond: count / seconds, cpuSeconds, offersPerCpuSecond: count / cpuSeconds, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
);
