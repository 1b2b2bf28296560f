import 'fake-indexeddb/auto';
import { afterAll, afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

/**
 * Preact runs effects after the next frame, or 35 ms after they were scheduled when no frame comes
 * (preact/hooks), and that timer's callback calls jsdom's cancelAnimationFrame. A file's jsdom is torn
 * down right after its last test: waiting past those 35 ms first lets a timer set by the last render fire
 * while jsdom is still there, instead of failing the run with "cancelAnimationFrame is not defined".
 */
const PREACT_FRAME_TIMEOUT_MS = 35;

afterEach(() => {
  cleanup();
});

afterAll(async () => {
  await new Promise((resolve) => setTimeout(resolve, PREACT_FRAME_TIMEOUT_MS * 2));
});
