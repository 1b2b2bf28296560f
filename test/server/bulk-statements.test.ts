import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToCounts } from '../../src/server/db/counts-repository.ts';
import { chunkSizes } from '../../src/server/db/bulk-statements.ts';
import type { CountRow } from '../../src/server/db/schema.ts';
import { databasesUnderTest, type OpenedDatabase } from './test-databases.ts';

describe('chunkSizes', () => {
  it('splits every total exactly, into few distinct sizes', () => {
    const sizesSeen = new Set<number>();
    for (let total = 0; total <= 5000; total++) {
      const sizes = chunkSizes(total, 1024);
      expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(total);
      expect(sizes.every((size) => size > 0 && size <= 1024)).toBe(true);
      expect(sizes.filter((size) => size < 16)).toHaveLength(total % 16 === 0 ? 0 : 1);
      for (const size of sizes) sizesSeen.add(size);
    }
    // 1024 down to 16 by halves, and 1 to 15: the prepared statements a table can ever need.
    expect([...sizesSeen].sort((a, b) => a - b)).toEqual([...Array.from({ length: 15 }, (_, index) => index + 1), 16, 32, 64, 128, 256, 512, 1024]);
  });
});

describe.each(databasesUnderTest)('bulk upserts on $name', (database) => {
  let opened: OpenedDatabase;

  beforeAll(async () => {
    opened = await database.open();
  });
  afterAll(async () => {
    await opened.close();
  });

  const rowsOf = (count: number, amount: number): CountRow[] =>
    Array.from({ length: count }, (_, index) => ({
      place: 'scope',
      unit_id: 'scope',
      questionnaire_id: 'sipas',
      service_field_id: '*',
      procedure_id: '*',
      counter_id: '*',
      channel: 'kiosk',
      granularity: 'day',
      period: '2025-03-04',
      questionnaire_version: 1,
      flagged: 0,
      measure: 'tally',
      item: `criterion-${String(index).padStart(5, '0')}`,
      detail: String((index % 5) + 1),
      count: amount,
    }));

  it('adds every row of batches whose sizes need several chunks, again and again with reused statements', async () => {
    await addToCounts(opened.db, rowsOf(2_537, 2));
    await addToCounts(opened.db, rowsOf(2_537, 3));
    await addToCounts(opened.db, rowsOf(1_000, 5));
    const stored = await opened.db.selectFrom('counts').select(['item', 'count']).orderBy('item').execute();
    expect(stored).toHaveLength(2_537);
    expect(stored.slice(0, 1_000).every((row) => Number(row.count) === 10)).toBe(true);
    expect(stored.slice(1_000).every((row) => Number(row.count) === 5)).toBe(true);
  });

  it('stores text exactly as given, whatever it holds', async () => {
    const awkward = ['"quoted", with a comma', 'back\\slash \\u0041', 'chờ lâu — “ngoặc”', "it's", 'line\nbreak\ttab', '{"json": [1, null]}'];
    await addToCounts(
      opened.db,
      awkward.map((item, index) => ({ ...rowsOf(1, index + 1)[0]!, period: '2025-03-05', item })),
    );
    const stored = await opened.db.selectFrom('counts').select(['item', 'count']).where('period', '=', '2025-03-05').execute();
    expect(new Map(stored.map((row) => [row.item, Number(row.count)]))).toEqual(new Map(awkward.map((item, index) => [item, index + 1])));
  });
});
