import { describe, expect, it } from 'vitest';
import { createHealth } from './create-health.js';
import { MAX_NAME_BYTES, nameProblem } from './names.js';

// One length rule for names: bytes of UTF-8, the unit a URL carries, so readyz's router (which imports
// MAX_NAME_BYTES) reaches every probe the engine registers.

describe('nameProblem', () => {
  it('counts bytes of UTF-8, not characters', () => {
    expect(MAX_NAME_BYTES).toBe(256);
    expect(nameProblem('p'.repeat(256))).toBeUndefined();
    expect(nameProblem('É'.repeat(128))).toBeUndefined(); // 2 bytes each: 256
    expect(nameProblem('😀'.repeat(64))).toBeUndefined(); // 4 bytes (a surrogate pair) each: 256
    expect(nameProblem('€'.repeat(85))).toBeUndefined(); // 3 bytes each: 255
    for (const tooLong of [
      'p'.repeat(257),
      'É'.repeat(129),
      'É'.repeat(200),
      '😀'.repeat(65),
      '€'.repeat(86),
    ]) {
      expect(nameProblem(tooLong)).toBe('longer than 256 bytes of UTF-8');
    }
  });

  it('refuses a lone surrogate, which no URL can carry', () => {
    expect(nameProblem('db\uD800')).toBe('contains a lone surrogate (not encodable as UTF-8)');
    expect(nameProblem('\uDC00db')).toBe('contains a lone surrogate (not encodable as UTF-8)');
    expect(nameProblem('\uD83D\uDE00db')).toBeUndefined();
  });

  it('refuses a huge string without scanning it as a name', () => {
    expect(nameProblem(' '.repeat(1_000_000) + 'x')).toBe('longer than 256 bytes of UTF-8');
  });
});

describe('probe names through register()', () => {
  it("registers 'É' × 128 and refuses 'É' × 200 (which readyz could never route)", async () => {
    const health = createHealth({ service: 'orders-api', version: '1.4.0' });
    try {
      health.register({ name: 'É'.repeat(128), check: () => true });
      expect(() => health.register({ name: 'É'.repeat(200), check: () => true })).toThrow(
        expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_PROBE_NAME' }),
      );
      expect(health.probeNames()).toEqual(['É'.repeat(128)]);
    } finally {
      await health.close();
    }
  });

  it('takes names that are Object.prototype keys as plain names', async () => {
    const health = createHealth({ service: 'orders-api', version: '1.4.0', cacheTtlMs: 0 });
    try {
      for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
        health.register({ name, check: () => true });
      }
      expect(health.probeNames()).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
      expect(await health.checkProbe('__proto__')).toMatchObject({ status: 'ok' });
      expect(await health.checkProbe('valueOf')).toBeUndefined();
      const report = await health.check('readiness', { exclude: ['constructor'] });
      expect(report.status).toBe('ok');
    } finally {
      await health.close();
    }
  });
});
