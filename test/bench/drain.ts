import type { BenchmarkOutcome } from './report.ts';
export async function drainBenchmark(): Promise<BenchmarkOutcome> {
  throw new Error('not written yet');
}
