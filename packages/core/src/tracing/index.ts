export { activeSpan, SPAN_ATTRIBUTES, TRACER_NAME } from './spans.js';
