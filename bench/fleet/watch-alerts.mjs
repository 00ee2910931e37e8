// Follows Prometheus' /api/v1/alerts every 250 ms and remembers, per alert rule (shipped or shortened copy), when
// it went pending and firing, how many alerts it had at most and with which labels, and when it was gone again.
import { setTimeout as sleep } from 'node:timers/promises';
import { now } from './poller.mjs';

const variantOf = (alert) => (alert.labels.fleet_copy === undefined ? 'shipped' : 'copy');

/** Watches the alerts of one Prometheus; `mark('restart', t)` starts looking for resolution. */
export class AlertWatcher {
  #prometheus;
  #intervalMs;
  #rules = new Map();
  #marks = {};
  #running = false;
  #loop;
  /** Polls that got no answer from Prometheus. */
  misses = 0;

  constructor(prometheus, intervalMs = 250) {
    this.#prometheus = prometheus;
    this.#intervalMs = intervalMs;
  }

  /** Starts polling in the background. */
  start() {
    this.#running = true;
    this.#loop = (async () => {
      while (this.#running) {
        const at = now();
        const list = await this.#prometheus.alerts();
        if (list === undefined) this.misses++;
        else this.#observe(at, list);
        await sleep(this.#intervalMs);
      }
    })();
  }

  /** Stops polling and waits for the last poll. */
  async stop() {
    this.#running = false;
    await this.#loop;
  }

  /** Records when the scenario's events happened (`kill`, `restart`). */
  mark(name, at) {
    this.#marks[name] = at;
  }

  #rule(key, alertname, variant) {
    let rule = this.#rules.get(key);
    if (rule === undefined) {
      rule = { alertname, variant, peakFiring: 0, peakPending: 0, labelNames: new Set(), groups: new Set() };
      this.#rules.set(key, rule);
    }
    return rule;
  }

  #observe(at, list) {
    if (this.#marks.kill === undefined || at < this.#marks.kill) return; // only the outage and after
    const seen = new Set();
    const counts = new Map();
    for (const alert of list) {
      const variant = variantOf(alert);
      const key = `${variant}|${alert.labels.alertname}`;
      const rule = this.#rule(key, alert.labels.alertname, variant);
      seen.add(key);
      const count = counts.get(key) ?? { firing: 0, pending: 0 };
      count[alert.state === 'firing' ? 'firing' : 'pending']++;
      counts.set(key, count);
      const activeAt = Date.parse(alert.activeAt);
      if (Number.isFinite(activeAt) && (rule.activeAt === undefined || activeAt < rule.activeAt)) {
        rule.activeAt = activeAt;
      }
      if (alert.state === 'pending') rule.firstPendingAt ??= at;
      if (alert.state === 'firing') {
        rule.firstFiringAt ??= at;
        for (const name of Object.keys(alert.labels)) rule.labelNames.add(name);
        rule.groups.add(`${alert.labels.service ?? '?'}/${alert.labels.probe ?? '?'}`);
      }
      rule.resolvedAt = undefined; // present again: not resolved (yet)
    }
    for (const [key, count] of counts) {
      const rule = this.#rules.get(key);
      rule.peakFiring = Math.max(rule.peakFiring, count.firing);
      rule.peakPending = Math.max(rule.peakPending, count.pending);
    }
    if (this.#marks.restart === undefined || at < this.#marks.restart) return;
    for (const [key, rule] of this.#rules) if (!seen.has(key)) rule.resolvedAt ??= at;
  }

  /** When the variant's ReadyzDependencyFailure first fired (ms), if it did. */
  firedAt(variant) {
    return this.#rules.get(`${variant}|ReadyzDependencyFailure`)?.firstFiringAt;
  }

  /** When the variant's ReadyzDependencyFailure was gone after the restart (ms), if it is. */
  resolvedAt(variant) {
    const rule = this.#rules.get(`${variant}|ReadyzDependencyFailure`);
    return rule === undefined ? undefined : rule.resolvedAt;
  }

  /** Every rule seen, with its times in seconds from the kill (pending, firing) and the restart (resolved). */
  summary(tKill, tRestart) {
    const s = (at, from) => (at === undefined ? undefined : (at - from) / 1000);
    return [...this.#rules.values()].map((rule) => ({
      alertname: rule.alertname,
      variant: rule.variant,
      activeS: s(rule.activeAt, tKill),
      pendingS: s(rule.firstPendingAt, tKill),
      firingS: s(rule.firstFiringAt, tKill),
      resolvedS: s(rule.resolvedAt, tRestart),
      peakFiring: rule.peakFiring,
      peakPending: rule.peakPending,
      labelNames: [...rule.labelNames].sort(),
      groups: [...rule.groups].sort(),
    }));
  }
}
