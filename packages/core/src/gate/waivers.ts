import type { GateContext } from './context.js';
import { type Finding, finding, reject } from './finding.js';
import type { ReadWaiver, WaivablePolicy } from './manifest-view.js';

// The longest-lived waiver is the one that applies; ties go to the smaller id, so the choice
// does not depend on the order waivers were listed in.
const byExpiryThenId = (a: ReadWaiver, b: ReadWaiver) =>
  b.expiresAt - a.expiresAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Decides what a breached, waivable policy becomes. No waiver: the breach rejects. Waivers
 * disallowed by the policy: the breach and WAIVERS_DISALLOWED reject. An unexpired waiver listed in
 * the manifest (`expires_at` strictly after now): one WAIVER_APPLIED reason, and the decision can
 * at best be `waiver_required`. Only expired waivers: the breach and WAIVER_EXPIRED reject.
 */
export function coverBreach(policy: WaivablePolicy, breach: Finding, ctx: GateContext): Finding[] {
  const candidates = ctx.manifest.waivers.filter((w) => w.policy === policy).sort(byExpiryThenId);
  const best = candidates[0];
  if (best === undefined) {
    const unlisted = ctx.manifest.unlisted
      .filter((w) => w.policy === policy)
      .map((w) => w.id)
      .sort();
    if (unlisted.length === 0) return [breach];
    const note = ` Waiver ${unlisted.join(', ')} was passed in but is not listed in the release manifest, so it does not apply.`;
    return [{ ...breach, reason: { ...breach.reason, message: breach.reason.message + note } }];
  }
  if (!ctx.policy.allowWaivers) {
    return [
      breach,
      reject(
        'WAIVERS_DISALLOWED',
        `Waiver ${best.id} covers ${policy}, but the gate policy disallows waivers (allow_waivers: false).`,
        { policy, waiver_id: best.id, observed: best.id, limit: false },
      ),
    ];
  }
  const live = candidates.find((w) => w.expiresAt > ctx.now);
  if (live !== undefined) {
    return [
      finding(
        'waiver',
        'WAIVER_APPLIED',
        `${breach.reason.message} Covered by waiver ${live.id} until ${live.expires_at}: the release passes only under this waiver.`,
        { policy, observed: breach.reason.observed, limit: breach.reason.limit, waiver_id: live.id },
      ),
    ];
  }
  return [
    breach,
    reject(
      'WAIVER_EXPIRED',
      `Waiver ${best.id} for ${policy} expired at ${best.expires_at}, not after the decision time ${ctx.nowText}.`,
      { policy, waiver_id: best.id, observed: best.expires_at, limit: ctx.nowText },
    ),
  ];
}
