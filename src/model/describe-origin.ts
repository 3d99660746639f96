import type { Origin } from './inventory.js';

/** One short, clickable-where-possible description of a place: `file:line` or the Cloud Run resource. */
export function describeOrigin(origin: Origin): string {
  switch (origin.kind) {
    case 'file':
    case 'manifest':
      return [origin.file, origin.line, origin.line !== undefined ? origin.column : undefined].filter((part) => part !== undefined).join(':');
    case 'cloudrun': {
      const revision = origin.revision ? `revision ${origin.revision}` : 'template';
      const container = origin.container ? `, container ${origin.container}` : '';
      const what = origin.resourceType === 'jobs' ? 'job ' : origin.resourceType === 'workerPools' ? 'worker pool ' : '';
      return `Cloud Run ${what}${origin.project}/${origin.region}/${origin.service} (${revision}${container})`;
    }
    case 'snapshot':
      return `${origin.file} (${origin.describes})`;
  }
}
