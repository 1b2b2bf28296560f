import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertEngine, type EvaluationOutcome } from '../../../src/server/alerts/alert-engine.ts';
import { QuestionnaireCatalog } from '../../../src/server/db/questionnaires-repository.ts';
import { CENTRE_ID, OTHER_CENTRE_ID, seedTestUnits } from '../fixtures.ts';
import { databasesUnderTest, type OpenedDatabase } from '../test-databases.ts';

/** An engine that records the scope of every evaluation it runs. */
class RecordingEngine extends AlertEngine {
  readonly scopes: (readonly string[] | 'everything')[] = [];

  override async evaluate(scope: { aroundUnits?: readonly string[] }): Promise<EvaluationOutcome> {
    this.scopes.push(scope.aroundUnits ? [...scope.aroundUnits].sort() : 'everything');
    return super.evaluate(scope);
  }
}

describe('evaluations after sync batches', () => {
  let opened: OpenedDatabase;

  beforeAll(async () => {
    opened = await databasesUnderTest[0]!.open();
    await seedTestUnits(opened.db);
  });
  afterAll(async () => {
    await opened.close();
  });

  const engineWithDelay = (afterBatchDelayMs: number) =>
    new RecordingEngine({ db: opened.db, catalog: new QuestionnaireCatalog(opened.db), now: () => new Date(), afterBatchDelayMs });

  it('gathers the batches of the delay into one evaluation of their units, started when the delay ends', async () => {
    const engine = engineWithDelay(150);
    engine.afterBatch(CENTRE_ID);
    engine.afterBatch(OTHER_CENTRE_ID);
    engine.afterBatch(CENTRE_ID);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(engine.scopes).toEqual([]);
    await expect.poll(() => engine.scopes, { timeout: 2_000 }).toEqual([[CENTRE_ID, OTHER_CENTRE_ID].sort()]);
    await engine.idle();

    // A batch after that evaluation starts is gathered into the next one.
    engine.afterBatch(OTHER_CENTRE_ID);
    await expect.poll(() => engine.scopes.length, { timeout: 2_000 }).toBe(2);
    expect(engine.scopes[1]).toEqual([OTHER_CENTRE_ID]);
  });

  it('starts what batches asked for at once when idle() is awaited (tests, shutdown), and only once', async () => {
    const engine = engineWithDelay(60_000);
    engine.afterBatch(CENTRE_ID);
    await engine.idle();
    expect(engine.scopes).toEqual([[CENTRE_ID]]);
    await engine.idle();
    expect(engine.scopes).toEqual([[CENTRE_ID]]);
  });
});
