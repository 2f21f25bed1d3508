import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Offer,
  PriceListValidationError,
  parsePriceListString,
  renderPriceList,
  writePriceList,
  writePriceListFile,
  writePriceListToString,
} from '../src/index.js';
import { brokenOffers, hostileOffers } from './arbitraries.js';
import { fixture, guideSample, header, offer } from './fixtures.js';

const ROOT =
  '<kaspi_catalog date="2026-11-26T09:00:00" xmlns="kaspiShopping" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="kaspiShopping http://kaspi.kz/kaspishopping.xsd">';

describe('renderPriceList', () => {
  it('writes compact canonical output', () => {
    const { xml, report } = renderPriceList({ ...header, offers: [offer()] });
    expect(xml).toBe(
      `<?xml version="1.0" encoding="utf-8"?>\n${ROOT}<company>Shop</company><merchantid>30453464</merchantid><offers>` +
        '<offer sku="AS20932"><model>Колонки Mi Bluetooth Speaker Square Box II</model><brand>Xiaomi</brand>' +
        '<availabilities><availability available="yes" storeId="PP1" stockCount="5"/></availabilities>' +
        '<price>13490</price></offer></offers></kaspi_catalog>\n',
    );
    expect(report).toEqual({
      offersWritten: 1,
      offersSkipped: 0,
      skipped: [],
      warnings: [],
      warningCount: 0,
    });
  });

  it("pretty-prints the guide sample in the guide's element and attribute order", () => {
    const { xml } = renderPriceList(guideSample, { pretty: true });
    const normalise = (text: string) => text.replace(/\s+/g, ' ').replace(/> </g, '><').trim();
    const expected = fixture('pricelist-guide-sample.xml').replace(
      /<kaspi_catalog[^>]*>/,
      '<kaspi_catalog date="string" xmlns="kaspiShopping" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="kaspiShopping http://kaspi.kz/kaspishopping.xsd">',
    );
    expect(normalise(xml)).toBe(normalise(expected));
    expect(xml).toContain('\n  <company>CompanyName</company>\n');
    expect(xml).toContain(
      '\n        <availability available="yes" storeId="myFavoritePickupPoint1" preOrder="3" stockCount="234"/>\n',
    );
    expect(xml.endsWith('  </offers>\n</kaspi_catalog>\n')).toBe(true);
  });

  it('escapes markup characters and quotes once, in text and attributes', () => {
    const { xml } = renderPriceList(
      {
        ...header,
        company: `A&B <"x"> 'y'`,
        offers: [offer({ sku: 'X1', model: `23.8" <b>&amp;</b> 'q'`, brand: 'A&B' })],
      },
      { mode: 'lenient' },
    );
    expect(xml).toContain('<company>A&amp;B &lt;&quot;x&quot;&gt; &apos;y&apos;</company>');
    expect(xml).toContain('<model>23.8&quot; &lt;b&gt;&amp;amp;&lt;/b&gt; &apos;q&apos;</model>');
    expect(xml).toContain('<brand>A&amp;B</brand>');
  });

  it('removes characters illegal in XML 1.0 and keeps emoji and Cyrillic', () => {
    const { xml, report } = renderPriceList({
      ...header,
      offers: [offer({ model: 'a\u0000b\u0008c\uffffd\ud800e 😀 Ж' })],
    });
    expect(xml).toContain('<model>abcde 😀 Ж</model>');
    expect(report.warnings.map((issue) => issue.rule)).toEqual(['text.illegalChar']);
  });

  it('escapes and reports repeated brands and store ids in every offer, between plain ones', () => {
    const store = (storeId: string) => [{ storeId, available: false, stockCount: 0 }];
    const offers = [
      offer({ sku: 'R1', brand: 'Xiaomi', availabilities: store('PP1') }),
      offer({ sku: 'R2', brand: 'A&B\u0001', availabilities: store('P"1\u0002') }),
      offer({ sku: 'R3', brand: 'A&B\u0001', availabilities: store('P"1\u0002') }),
      offer({ sku: 'R4', brand: 'Xiaomi', availabilities: store('PP1') }),
      offer({ sku: 'R5', brand: 'Xiaomi', availabilities: store('PP1') }),
    ];
    const { xml, report } = renderPriceList({ ...header, offers }, { mode: 'lenient' });
    expect(xml.match(/<brand>Xiaomi<\/brand>/g)).toHaveLength(3);
    expect(xml.match(/<brand>A&amp;B<\/brand>/g)).toHaveLength(2);
    expect(xml.match(/storeId="PP1"/g)).toHaveLength(3);
    expect(xml.match(/storeId="P&quot;1"/g)).toHaveLength(2);
    expect(report.warnings.map((issue) => issue.path)).toEqual([
      'offers[1].brand',
      'offers[1].availabilities[0].storeId',
      'offers[2].brand',
      'offers[2].availabilities[0].storeId',
    ]);
  });

  it('keeps tab, LF and CR in attributes and CR in text as character references', () => {
    const { xml } = renderPriceList({
      ...header,
      offers: [
        offer({
          model: 'a\tb\nc\rd',
          availabilities: [{ storeId: 'P\tP\n1\r', available: false, stockCount: 0 }],
        }),
      ],
    });
    expect(xml).toContain('<model>a\tb\nc&#13;d</model>');
    expect(xml).toContain('storeId="P&#9;P&#10;1&#13;"');
  });

  it('writes stock and pre-order only when given, and preOrder before stockCount', () => {
    const { xml } = renderPriceList({
      ...header,
      offers: [
        offer({
          availabilities: [
            { storeId: 'PP1', available: false, stockCount: 0 },
            { stockCount: 3, preOrder: 7, available: true, storeId: 'PP2' },
          ],
        }),
      ],
    });
    expect(xml).toContain(
      '<availability available="no" storeId="PP1" stockCount="0"/><availability available="yes" storeId="PP2" preOrder="7" stockCount="3"/>',
    );
  });

  it('formats a Date and defaults the date to now', () => {
    const { xml } = renderPriceList({
      ...header,
      date: new Date('2026-01-02T03:04:05.678Z'),
      offers: [offer()],
    });
    expect(xml).toContain('date="2026-01-02T03:04:05"');
    const { date: _omitted, ...withoutDate } = header;
    expect(renderPriceList({ ...withoutDate, offers: [offer()] }).xml).toMatch(
      /date="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d"/,
    );
  });

  it('strict mode throws one error listing every invalid offer and writes nothing', () => {
    const offers = [
      offer({ sku: 'A-1' }),
      offer({ sku: 'B' }),
      offer({ sku: 'C', price: 0 }),
      offer({ sku: 'B' }),
    ];
    let caught: unknown;
    try {
      renderPriceList({ ...header, offers });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PriceListValidationError);
    const issues = (caught as PriceListValidationError).issues;
    expect(issues.map((issue) => [issue.rule, issue.sku])).toEqual([
      ['sku.format', 'A-1'],
      ['price.format', 'C'],
      ['sku.duplicate', 'B'],
    ]);
  });

  it('skip mode leaves invalid offers out and reports them', () => {
    const seen: string[] = [];
    const offers = [offer({ sku: 'A-1' }), offer({ sku: 'B' }), offer({ sku: 'C', price: 0 })];
    const { xml, report } = renderPriceList(
      { ...header, offers },
      { onInvalid: 'skip', onSkip: (skipped) => seen.push(skipped.sku) },
    );
    expect(xml).toContain('sku="B"');
    expect(xml).not.toContain('sku="A-1"');
    expect(xml).not.toContain('sku="C"');
    expect(report.offersWritten).toBe(1);
    expect(report.offersSkipped).toBe(2);
    expect(report.skipped.map((s) => [s.index, s.sku, s.issues.map((i) => i.rule)])).toEqual([
      [0, 'A-1', ['sku.format']],
      [2, 'C', ['price.format']],
    ]);
    expect(seen).toEqual(['A-1', 'C']);
  });

  it('skip mode still fails when too many offers are skipped', () => {
    const offers = [offer({ sku: 'A-1' }), offer({ sku: 'B' }), offer({ sku: 'C', price: 0 })];
    expect(() =>
      renderPriceList({ ...header, offers }, { onInvalid: 'skip', maxSkipped: 1 }),
    ).toThrow(/offers\.tooManySkipped/);
    const { report } = renderPriceList({ ...header, offers }, { onInvalid: 'skip', maxSkipped: 2 });
    expect(report.offersSkipped).toBe(2);
  });

  it('refuses an empty catalogue, also when every offer is skipped', () => {
    expect(() => renderPriceList({ ...header, offers: [] })).toThrow(/offers\.empty/);
    expect(() =>
      renderPriceList({ ...header, offers: [offer({ price: 0 })] }, { onInvalid: 'skip' }),
    ).toThrow(PriceListValidationError);
    expect(renderPriceList({ ...header, offers: [] }, { allowEmpty: true }).xml).toContain(
      '<offers></offers>',
    );
  });

  it('fails on an invalid header even in skip mode', () => {
    expect(() =>
      renderPriceList({ ...header, merchantId: '', offers: [offer()] }, { onInvalid: 'skip' }),
    ).toThrow(/header\.merchantId/);
  });

  it('lenient mode writes the deviations real feeds have, with warnings', () => {
    const { xml, report } = renderPriceList(
      { ...header, offers: [offer({ sku: 'XK-100UB', brand: undefined })] },
      { mode: 'lenient' },
    );
    expect(xml).toContain('<offer sku="XK-100UB"><model>');
    expect(xml).not.toContain('<brand>');
    expect(report.warnings.map((issue) => issue.rule)).toEqual(['sku.format', 'brand.empty']);
  });
});

function* many(count: number): Generator<Offer> {
  for (let i = 0; i < count; i++) yield offer({ sku: `S${i}` });
}

async function* manyAsync(count: number): AsyncGenerator<Offer> {
  for (let i = 0; i < count; i++) {
    if (i % 1000 === 0) await Promise.resolve();
    yield offer({ sku: `S${i}` });
  }
}

describe('streaming writers', () => {
  const expected = renderPriceList({ ...header, offers: many(3000) }).xml;

  it('writes to a Node Writable with backpressure, same bytes as the string form', async () => {
    const chunks: Buffer[] = [];
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        setImmediate(callback);
      },
    });
    // Rendering may run ahead of a full target, but writing into it must wait for 'drain'.
    let writesWhileFull = 0;
    const write = slow.write.bind(slow);
    slow.write = ((chunk: Buffer) => {
      if (slow.writableNeedDrain) writesWhileFull++;
      return write(chunk);
    }) as typeof slow.write;
    const report = await writePriceList({ ...header, offers: manyAsync(3000) }, slow);
    expect(writesWhileFull).toBe(0);
    expect(chunks.length).toBeGreaterThan(3);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(expected);
    expect(report.offersWritten).toBe(3000);
    expect(slow.writableFinished).toBe(true);
  });

  it('writes to a web WritableStream', async () => {
    const chunks: Uint8Array[] = [];
    const stream = new WritableStream<Uint8Array>({ write: (chunk) => void chunks.push(chunk) });
    await writePriceList({ ...header, offers: many(3000) }, stream);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(expected);
  });

  it('splits multi-byte text into chunks exactly: Node bytes and object mode equal the string form', async () => {
    // Emoji (4 bytes), Cyrillic (2 bytes) and escaped markup in every offer, over many 64 KiB
    // chunks, plus one offer far larger than a chunk.
    const offers = Array.from({ length: 4000 }, (_, i) =>
      offer({ sku: `M${i}`, model: `Колонки 😀 <${i}> & "${'é'.repeat(i % 7)}"` }),
    );
    offers.splice(1234, 0, offer({ sku: 'HUGE1', model: '😀Ж'.repeat(40_000) }));
    const input = { ...header, offers };
    const text = renderPriceList(input, { pretty: true }).xml;
    const bytes: Buffer[] = [];
    await writePriceList(
      input,
      new Writable({
        write: (chunk: Buffer, _encoding, callback) => callback(void bytes.push(chunk)),
      }),
      { pretty: true },
    );
    expect(bytes.length).toBeGreaterThan(10);
    for (const chunk of bytes) expect(chunk.toString('utf8')).not.toContain('\ufffd');
    expect(Buffer.concat(bytes).equals(Buffer.from(text, 'utf8'))).toBe(true);
    const strings: unknown[] = [];
    await writePriceList(
      input,
      new Writable({
        objectMode: true,
        write: (chunk: unknown, _encoding, callback) => callback(void strings.push(chunk)),
      }),
      { pretty: true },
    );
    expect(strings.every((chunk) => typeof chunk === 'string')).toBe(true);
    expect(strings.join('')).toBe(text);
  });

  it('hostile text streams to the same bytes as the string form', async () => {
    await fc.assert(
      fc.asyncProperty(hostileOffers, fc.boolean(), async (offers, pretty) => {
        const options = { pretty, mode: 'lenient' } as const;
        const text = renderPriceList({ ...header, offers }, options).xml;
        const chunks: Uint8Array[] = [];
        const stream = new WritableStream<Uint8Array>({
          write: (chunk) => void chunks.push(chunk),
        });
        await writePriceList({ ...header, offers }, stream, options);
        expect(Buffer.concat(chunks).equals(Buffer.from(text, 'utf8'))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('returns a string from an async iterable', async () => {
    const { xml } = await writePriceListToString({ ...header, offers: manyAsync(3000) });
    expect(xml).toBe(expected);
  });

  it('destroys the target when validation fails, so the output never looks complete', async () => {
    const target = new PassThrough();
    target.resume();
    const offers = [...many(3000), offer({ sku: 'bad sku' })];
    await expect(writePriceList({ ...header, offers }, target)).rejects.toThrow(
      PriceListValidationError,
    );
    expect(target.destroyed).toBe(true);
  });

  it('closes a sync iterator stopped early, as for…of does, but not one whose next() threw', async () => {
    const controller = new AbortController();
    let closed = 0;
    let pulled = 0;
    const offers: Iterable<Offer> = {
      [Symbol.iterator]: () => ({
        next: () => {
          pulled++;
          if (pulled === 2000) controller.abort(new Error('stop'));
          return { done: false, value: offer({ sku: `C${pulled}` }) };
        },
        return: () => {
          closed++;
          return { done: true, value: undefined };
        },
      }),
    };
    await expect(
      writePriceList({ ...header, offers }, new PassThrough().resume(), {
        signal: controller.signal,
      }),
    ).rejects.toThrow('stop');
    expect(closed).toBe(1);
    const throwing: Iterable<Offer> = {
      [Symbol.iterator]: () => ({
        next: () => {
          throw new Error('supplier down');
        },
        return: () => {
          closed++;
          return { done: true, value: undefined };
        },
      }),
    };
    await expect(
      writePriceList({ ...header, offers: throwing }, new PassThrough().resume()),
    ).rejects.toThrow('supplier down');
    expect(closed).toBe(1);
  });

  it('honours an AbortSignal', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    const target = new PassThrough();
    await expect(
      writePriceList({ ...header, offers: many(10) }, target, { signal: controller.signal }),
    ).rejects.toThrow('stop');
    expect(target.destroyed).toBe(true);
  });

  it('rejects (instead of crashing the process) when the target stream fails', async () => {
    await expect(
      writePriceListFile('/nonexistent-dir/kaspi/price.xml', { ...header, offers: many(10) }),
    ).rejects.toMatchObject({ code: 'ENOENT' });
    const failing = new Writable({
      write(_chunk, _encoding, callback) {
        callback(new Error('disk full'));
      },
    });
    await expect(writePriceList({ ...header, offers: many(5000) }, failing)).rejects.toThrow(
      'disk full',
    );
  });

  it('writePriceListFile replaces the file atomically and keeps the last good one on failure', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kaspi-pricelist-'));
    const path = join(dir, 'price.xml');
    await writeFile(path, 'last good');
    await expect(
      writePriceListFile(path, { ...header, offers: [offer({ price: 0 })] }),
    ).rejects.toThrow(PriceListValidationError);
    expect(await readFile(path, 'utf8')).toBe('last good');
    expect(await readdir(dir)).toEqual(['price.xml']);
    await writePriceListFile(path, { ...header, offers: manyAsync(3000) });
    expect(await readFile(path, 'utf8')).toBe(expected);
    expect(await readdir(dir)).toEqual(['price.xml']);
  });
});

describe('strict mode never writes an invalid file', () => {
  it('throws for any broken offer, naming it, and otherwise writes what strict parsing accepts', () => {
    fc.assert(
      fc.property(brokenOffers, ({ offers, index }) => {
        let error: unknown;
        try {
          renderPriceList({ ...header, offers });
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(PriceListValidationError);
        const issues = (error as PriceListValidationError).issues;
        expect(issues.some((issue) => issue.path.startsWith(`offers[${index}]`))).toBe(true);
        const { xml } = renderPriceList(
          { ...header, offers: offers.filter((_, i) => i !== index) },
          { allowEmpty: true },
        );
        if (offers.length > 1)
          expect(parsePriceListString(xml).priceList.offers).toHaveLength(offers.length - 1);
      }),
      { numRuns: 200 },
    );
  });
});
