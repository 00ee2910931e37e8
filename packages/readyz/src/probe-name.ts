// The probe segment of `/readyz/<probe>` and `/readyz/admin/drills/<probe>`, decoded within bounds.
import { type ReadyzRequestError, requestError } from './errors.js';
import { exceedsBytes, hasControlChars } from './limits.js';
import type { ReadyzLimits } from './types.js';

/**
 * Decodes the probe segment of `/readyz/<probe>`: 400 when malformed, control-laden or over-long. The length
 * bound is `limits.maxNameBytes`, by default the engine's own `MAX_NAME_BYTES`, counted in the same unit.
 */
export function decodeProbe(
  raw: string,
  limits: ReadyzLimits,
): { ok: true; name: string } | { ok: false; error: ReadyzRequestError } {
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    return { ok: false, error: requestError('ROLLGATE_ERR_READYZ_BAD_PATH', 'malformed percent-encoding') };
  }
  if (hasControlChars(name)) {
    return {
      ok: false,
      error: requestError('ROLLGATE_ERR_READYZ_BAD_PATH', 'control character in probe name'),
    };
  }
  if (exceedsBytes(name, limits.maxNameBytes)) {
    return { ok: false, error: requestError('ROLLGATE_ERR_READYZ_BAD_PATH', 'probe name too long') };
  }
  return { ok: true, name };
}
