import { MAX_NAME_BYTES } from '@rollgate/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReadyz } from './create-readyz.js';
import { byteLength, countUtf8Bytes, DEFAULT_LIMITS, exceedsBytes } from './limits.js';
import { healthWith, json, pass, request } from './test-kit.js';

const encoder = new TextEncoder();
// Any UTF-16 code units, lone surrogates included (what a JavaScript string can hold).
const anyText = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 64 })
  .map((units) => String.fromCharCode(...units));

describe('content-length counts UTF-8 bytes as TextEncoder encodes them', () => {
  it('for ASCII, two-, three- and four-byte characters and lone surrogates', () => {
    for (const text of [
      '',
      '{"status":"ok"}',
      'é',
      '€',
      '😀',
      '\ud800',
      'a\udc00b',
      '\ud83d',
      'x\ud83d\ude00\ud800',
    ]) {
      expect(byteLength(text)).toBe(encoder.encode(text).length);
      expect(countUtf8Bytes(text)).toBe(encoder.encode(text).length);
    }
  });

  it('for any string, measured by the runtime or counted', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.string({ unit: 'binary' })), (text) => {
        const expected = encoder.encode(text).length;
        expect(countUtf8Bytes(text)).toBe(expected);
        expect(byteLength(text)).toBe(expected);
        expect(exceedsBytes(text, expected)).toBe(false);
        if (expected > 0) expect(exceedsBytes(text, expected - 1)).toBe(true);
      }),
    );
  });
});

describe("probe names: the router's bound is the engine's rule", () => {
  it('maxNameBytes is the engine MAX_NAME_BYTES, in the same unit', () => {
    expect(DEFAULT_LIMITS.maxNameBytes).toBe(MAX_NAME_BYTES);
  });

  it('every name the engine registers at its limit answers; one byte over is refused by both', async () => {
    const names = [
      'p'.repeat(MAX_NAME_BYTES),
      'É'.repeat(MAX_NAME_BYTES / 2),
      '😀'.repeat(MAX_NAME_BYTES / 4),
    ];
    const health = healthWith(names.map((name) => ({ name, check: pass })));
    const readyz = createReadyz(health);
    for (const name of names) {
      const res = await request(readyz, `/readyz/${encodeURIComponent(name)}`);
      expect({ name: name.slice(0, 4), status: res.status }).toEqual({ name: name.slice(0, 4), status: 200 });
    }
    const over = 'É'.repeat(MAX_NAME_BYTES / 2 + 1);
    expect(() => health.register({ name: over, check: pass })).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_PROBE_NAME' }),
    );
    const res = await request(readyz, `/readyz/${encodeURIComponent(over)}`);
    expect(res.status).toBe(400);
    expect(json(res)).toMatchObject({ error: 'malformed path: probe name too long' });
  });
});
