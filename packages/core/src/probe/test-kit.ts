// Shared by this folder's tests only (not exported, not bundled): deferreds, a recording logger
// and an in-memory tracer.
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { HealthLogger } from './types.js';

/** A promise with its settle functions outside. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

/** Creates a deferred. */
export function deferred<T = unknown>(): Deferred<T> {
  let resolve: (value: T) => void = () => {};
  let reject: (reason: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A logger that keeps every warning. */
export function recordingLogger(): HealthLogger & {
  lines: { fields: Record<string, unknown>; message: string }[];
} {
  const lines: { fields: Record<string, unknown>; message: string }[] = [];
  return {
    lines,
    warn(fields, message) {
      lines.push({ fields, message });
    },
  };
}

/** A tracer whose finished spans can be read back. */
export function memoryTracer() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { tracer: provider.getTracer('@rollgate/core'), exporter, provider };
}

/** Lets every queued microtask (and promise chain) run. */
export async function flushMicrotasks(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

/** A probe that never settles. */
export const hang = (): Promise<never> => new Promise<never>(() => {});

/**
 * Makes `trace.getActiveSpan()` work inside probes (AsyncLocalStorage), as a host with an SDK has it; returns the
 * function that undoes it. For suites outside this package that cannot resolve the SDK's packages themselves.
 */
export function enableActiveContext(): () => void {
  const manager = new AsyncLocalStorageContextManager();
  context.setGlobalContextManager(manager.enable());
  return () => {
    manager.disable();
    context.disable();
  };
}
