// Shared by this package's tests only (not exported, not bundled): spans recorded in memory, with the
// async-hooks context manager a host's SDK would install, for the tests of one file.
import { context } from '@opentelemetry/api';
import { AsyncHooksContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll } from 'vitest';

/** A tracer named `name` whose finished spans land in `exporter`; call at the top level of a test file. */
export function recordSpans(name: string) {
  const exporter = new InMemorySpanExporter();
  const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).getTracer(
    name,
  );
  const manager = new AsyncHooksContextManager();
  beforeAll(() => {
    context.setGlobalContextManager(manager.enable());
  });
  afterAll(() => {
    manager.disable();
    context.disable();
  });
  return { exporter, tracer };
}
