import { PROBE_TIMEOUT_CAP_MS } from '@rollgate/core';
import { describe, expect, it } from 'vitest';
import { probeTimeout } from './timeout.js';

describe("a probe factory's timeoutMs", () => {
  it('is capped where the engine caps it', () => {
    expect(probeTimeout('redisProbe', PROBE_TIMEOUT_CAP_MS)).toBe(PROBE_TIMEOUT_CAP_MS);
    expect(() => probeTimeout('redisProbe', PROBE_TIMEOUT_CAP_MS + 1)).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_PROBE_TIMEOUT_CAP' }),
    );
  });

  it('goes to the registration unchanged, or stays unset so the health default applies', () => {
    expect(probeTimeout('redisProbe', undefined)).toBeUndefined();
    expect(probeTimeout('redisProbe', 300)).toBe(300);
    expect(probeTimeout('redisProbe', 5_000)).toBe(5_000);
  });

  it("is refused when the factory is called, with the engine's codes, if it is not a positive number of ms or is above the cap", () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '300']) {
      expect(() => probeTimeout('redisProbe', bad)).toThrow(
        expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_TIMEOUT' }),
      );
    }
    expect(() => probeTimeout('redisProbe', 5_001)).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_PROBE_TIMEOUT_CAP' }),
    );
    expect(() => probeTimeout('httpProbe', 6_000)).toThrow(
      'httpProbe timeoutMs of 6000ms is above the 5000ms cap',
    );
  });
});
