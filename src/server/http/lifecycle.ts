/**
 * What the process is doing, shared by the readiness check and the shutdown: once a SIGTERM arrives the
 * server says "not ready" so a proxy stops sending it new work while it finishes what it holds.
 */
export class ServerLifecycle {
  #shuttingDown = false;

  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  beginShutdown(): void {
    this.#shuttingDown = true;
  }
}
