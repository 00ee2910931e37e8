import type { GateContext } from './context.js';
import { type Finding, passed, reject } from './finding.js';

/**
 * The approval roster of the environment: every required role must appear among the manifest's
 * approvals plus the extra ones passed in, with a timestamp at or before now (a future-dated
 * approval does not count). Roles match exactly. An environment the roster does not know is
 * ENVIRONMENT_UNKNOWN, because nobody defined who must approve it.
 */
export function checkApprovals(ctx: GateContext): Finding[] {
  const roster = ctx.policy.roster;
  if (roster === undefined) return [];
  const policy = 'approvals';
  const env = ctx.environment;
  const roles = env !== undefined && Object.hasOwn(roster, env) ? roster[env] : undefined;
  if (env === undefined || roles === undefined) {
    const known = Object.keys(roster).sort().join(', ') || 'none';
    const which =
      env === undefined ? 'No usable environment was given' : `Environment "${env}" has no approval roster`;
    return [
      reject('ENVIRONMENT_UNKNOWN', `${which}; the gate policy defines approvals for: ${known}.`, {
        policy,
        observed: env ?? null,
        limit: known,
      }),
    ];
  }
  return roles.map((role) => {
    const forRole = ctx.manifest.approvals.filter((a) => a.role === role);
    const counted = forRole.filter((a) => a.at <= ctx.now);
    const actors = [...new Set(counted.map((a) => a.actor))].sort();
    if (actors.length > 0) {
      return passed(`Role ${role} approved by ${actors.join(', ')}.`, {
        policy,
        observed: actors.join(', '),
        limit: role,
      });
    }
    const future = [...new Set(forRole.map((a) => `${a.actor} at ${a.timestamp}`))].sort();
    const note =
      future.length > 0
        ? ` Approval by ${future.join('; ')} is dated after the decision time ${ctx.nowText} and does not count.`
        : '';
    return reject(
      'APPROVAL_MISSING',
      `Approval missing: role ${role} is required in ${env} and has not approved.${note}`,
      {
        policy,
        observed: null,
        limit: role,
      },
    );
  });
}
