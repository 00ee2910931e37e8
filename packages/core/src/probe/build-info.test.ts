import { parseContract } from '@rollgate/contract';
import { describe, expect, it } from 'vitest';
import { resolveBuild } from './build-info.js';
import { createHealth } from './create-health.js';

const build = {
  git_sha: '3c0d43ec39b5bdf1a2b3c4d5e6f708192a3b4c5d',
  git_ref: 'refs/tags/v1.4.0',
  artifact_registry: 'ghcr.io/acme/orders-api',
  timestamp: '2025-10-02T12:00:00Z',
};

describe('build metadata', () => {
  it('createHealth({ build }) keeps it as given, a valid BuildMetadata', async () => {
    const health = createHealth({ service: 'orders-api', version: '1.4.0', build });
    expect(health.build).toEqual(build);
    expect(parseContract('build-metadata', health.build).ok).toBe(true);
    await health.close();
  });

  it('is read from the variables a build sets, first set wins, SOURCE_DATE_EPOCH included', () => {
    const read = resolveBuild(undefined, {
      GITHUB_SHA: 'ABCDEF1234567',
      GIT_SHA: '',
      GIT_BRANCH: 'main',
      SOURCE_DATE_EPOCH: '1759406400',
      IMAGE: 'registry.example.com/orders-api:1.4.0',
    });
    expect(read).toEqual({
      git_sha: 'abcdef1234567',
      git_ref: 'main',
      artifact_registry: 'registry.example.com/orders-api:1.4.0',
      timestamp: '2025-10-02T12:00:00.000Z',
    });
    expect(parseContract('build-metadata', read).ok).toBe(true);
    expect(
      resolveBuild(undefined, { GIT_COMMIT: '3c0d43e', BUILD_TIME: '2025-10-02T12:00:00+08:00' }),
    ).toEqual({
      git_sha: '3c0d43e',
      git_ref: 'unknown',
      artifact_registry: 'unknown',
      timestamp: '2025-10-02T04:00:00.000Z',
    });
  });

  it('is absent when the environment names no commit or no build time, or when build is false', () => {
    expect(resolveBuild(undefined, { GIT_SHA: '3c0d43e' })).toBeUndefined();
    expect(resolveBuild(undefined, { BUILD_TIME: '2025-10-02T12:00:00Z' })).toBeUndefined();
    expect(
      resolveBuild(undefined, { GIT_SHA: 'not-a-sha', BUILD_TIME: '2025-10-02T12:00:00Z' }),
    ).toBeUndefined();
    expect(resolveBuild(false, { GIT_SHA: '3c0d43e', BUILD_TIME: '2025-10-02T12:00:00Z' })).toBeUndefined();
  });

  it('refuses a given build that is not build metadata, and unknown keys', () => {
    expect(() => resolveBuild({ ...build, git_sha: 'HEAD' })).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_BUILD' }),
    );
    expect(() => resolveBuild({ ...build, timestamp: 'yesterday' })).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_INVALID_BUILD' }),
    );
    expect(() => resolveBuild({ ...build, commit: 'x' } as never)).toThrow(
      expect.objectContaining({ code: 'ROLLGATE_ERR_UNKNOWN_OPTION' }),
    );
  });
});
