import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CardStore } from '../../src/cards/card-store.js';
import { SqliteStateStore } from '../../src/state/sqlite-state-store.js';

const card = {
  sku: 'AS1',
  title: 'T',
  brand: 'B',
  category: 'Master - Mice',
  attributes: [{ code: 'Mice*Color', value: 'черный' }],
  images: [{ url: 'https://x.kz/1.jpg' }],
};
const ready = (sku: string) => ({
  sku,
  supplier: 'alstyle',
  productKey: sku.slice(2),
  state: 'ready' as const,
  category: 'Master - Mice',
  card: { ...card, sku },
  problems: [],
});

describe('card store', () => {
  it('shares the state database and its migrations', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kc-cardstore-')), 'state.db');
    const state = new SqliteStateStore(path);
    const cards = new CardStore(path);
    cards.saveDraft(ready('AS1'));
    cards.close();
    state.close();
    const again = new CardStore(path);
    expect(again.get('AS1')?.state).toBe('ready');
    again.close();
  });

  it('never puts a card into a second open import, nor redrafts it while open', () => {
    const store = new CardStore(':memory:');
    store.saveDraft(ready('AS1'));
    store.saveDraft(ready('AS2'));
    const first = store.beginImport(['AS1', 'AS2']);
    expect(store.get('AS1')?.state).toBe('sending');
    expect(() => store.beginImport(['AS1'])).toThrow(/AS1 is sending, not ready/);
    expect(store.saveDraft(ready('AS1'))).toBe(false);
    store.importUploaded(first.id, 'import-1');
    expect(store.get('AS2')?.state).toBe('submitted');
    expect(store.saveDraft(ready('AS2'))).toBe(false);
    expect(store.imports(['uploaded']).map((i) => i.code)).toEqual(['import-1']);

    store.finishImport(first.id, new Map([['AS1', { finished: true, reasons: [] }]]));
    expect(store.get('AS1')?.state).toBe('finished');
    expect(store.get('AS2')).toMatchObject({
      state: 'rejected',
      problems: ["Kaspi's import result does not mention this SKU"],
    });
    expect(store.counts()).toMatchObject({ finished: 1, rejected: 1, sending: 0 });
    store.close();
  });

  it('a refused upload makes its cards ready again; a lost answer waits for a person', () => {
    const store = new CardStore(':memory:');
    store.saveDraft(ready('AS1'));
    const refused = store.beginImport(['AS1']);
    store.importRefused(refused.id, 'HTTP 400');
    expect(store.get('AS1')).toMatchObject({
      state: 'ready',
      problems: ['upload refused: HTTP 400'],
    });

    const lost = store.beginImport(['AS1']);
    store.importUnknown(lost.id, 'HTTP 502');
    expect(store.get('AS1')?.state).toBe('sending');
    expect(store.imports(['unknown'])).toHaveLength(1);
    expect(store.releaseUnknown()).toBe(1);
    expect(store.get('AS1')?.state).toBe('ready');
    expect(store.imports(['unknown', 'sending'])).toHaveLength(0);
    store.close();
  });
});
