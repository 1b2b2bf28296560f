import type { FastifyBaseLogger } from 'fastify';

/**
 * Passes run on demand or every interval, one at a time: a pass asked for while another runs waits behind
 * it, and a failed pass is logged without stopping the ones after it.
 */
export abstract class PeriodicPasses<Result> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  protected constructor(private readonly failure: { message: string; log?: Pick<FastifyBaseLogger, 'error'> | undefined }) {}

  protected abstract pass(): Promise<Result>;

  /** One pass; queued behind a pass still running. */
  runOnce(): Promise<Result> {
    const pass = this.running.then(() => this.pass());
    this.running = pass.catch((error: unknown) => this.failure.log?.error({ err: error }, this.failure.message));
    return pass;
  }

  start(intervalMs: number): void {
    this.stop();
    this.timer = setInterval(() => void this.runOnce().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  /** Stops the interval and waits for the pass still running. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
