import { PROBE_TIMEOUT_CAP_MS as ENGINE_CAP_MS } from '@rollgate/core';
import { describe, expect, it } from 'vitest';
import { PROBE_TIMEOUT_CAP_MS, probeTimeout } from './timeout.js';

describe("a probe factory's timeoutMs", () => {
  it('is capped where the engine caps it', () => {
    expect(PROBE_TIMEOUT_CAP_MS).toBe(ENGINE_CAP_MS);
  });

  it('goes to the registration unchanged, or stays unset so the health default applies', () => {
    expect(probeTimeout('redisProbe', undefined)).toBeUndefined();
    expect(probeTimeout('redisProbe', 300)).toBe(300);
    expect(probeTimeout('redisProbe', 5_000)).toBe(5_000);
  });

  it('is refused when the factory is called if it is not a positive number of ms or is above the cap', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '300', 5_001]) {
      expect(() => probeTimeout('redisProbe', bad)).toThrow(
        expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_PROBE_OPTION' }),
      );
    }
    expect(() => probeTimeout('httpProbe', 6_000)).toThrow(
      'httpProbe: option timeoutMs is invalid: 6000ms is above the 5000ms cap',
    );
  });
});
