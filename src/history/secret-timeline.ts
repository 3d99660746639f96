import type { SecretEvent, SecretHistory } from '../model/history-report.js';
import type { SecretVersions } from '../sources/history/read-history.js';

/**
 * What happened to one secret in the window: versions created (and what `latest` moved from and to) or
 * destroyed, with their times; versions the services referenced that are DISABLED or DESTROYED now. Secret
 * Manager keeps no time for disabling or enabling a version (Cloud Audit Logs do), so those are reported as
 * states now, without a time, and are not counted as changes in the window.
 */
export function secretTimeline(secret: SecretVersions, referencedBy: string[], referencedVersions: ReadonlySet<string>, window: { sinceMs: number; untilMs: number }): SecretHistory {
  const base = { secret: secret.secret, referencedBy };
  if (secret.unreadable !== undefined) return { ...base, events: [], unreadable: secret.unreadable };
  const inWindow = (ms: number | undefined) => ms !== undefined && ms >= window.sinceMs && ms <= window.untilMs;
  const oldestFirst = [...secret.versions].sort((a, b) => a.number - b.number);
  const events: Array<SecretEvent & { ms: number }> = [];
  for (const [index, version] of oldestFirst.entries()) {
    const number = String(version.number);
    if (inWindow(version.createdMs)) {
      const previous = oldestFirst[index - 1];
      events.push({ event: 'created', version: number, at: iso(version.createdMs!), ...(previous && { latestFrom: String(previous.number) }), latestTo: number, ms: version.createdMs! });
    }
    if (inWindow(version.destroyedMs)) events.push({ event: 'destroyed', version: number, at: iso(version.destroyedMs!), ms: version.destroyedMs! });
    else if (version.state === 'DESTROYED' && referencedVersions.has(number)) events.push({ event: 'destroyed-now', version: number, ms: Number.MAX_SAFE_INTEGER });
    if (version.state === 'DISABLED' && (referencedVersions.has(number) || inWindow(version.createdMs))) events.push({ event: 'disabled-now', version: number, ms: Number.MAX_SAFE_INTEGER });
  }
  events.sort((a, b) => a.ms - b.ms || Number(a.version) - Number(b.version));
  return { ...base, events: events.map(({ ms: _ms, ...event }) => event) };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
