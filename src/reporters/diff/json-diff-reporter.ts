import { describeOrigin } from '../../model/describe-origin.js';
import type { DiffReporter } from './diff-reporter-types.js';

/** Version of the JSON diff format (docs/diff.md). */
export const JSON_DIFF_VERSION = 1;

export const jsonDiffReporter: DiffReporter = (report) =>
  `${JSON.stringify(
    {
      envdriftDiff: JSON_DIFF_VERSION,
      a: report.a,
      b: report.b,
      services: report.services.map((service) => ({
        a: service.labelA,
        b: service.labelB,
        ...(service.unreadable !== undefined && { unreadable: service.unreadable }),
        keys: service.keys.map((key) => ({
          keyA: key.keyA,
          keyB: key.keyB,
          status: key.status,
          detail: key.detail,
          a: key.a ? { source: key.a.source, ...(key.a.text !== undefined && { value: key.a.text }), location: describeOrigin(key.a.origin) } : null,
          b: key.b ? { source: key.b.source, ...(key.b.text !== undefined && { value: key.b.text }), location: describeOrigin(key.b.origin) } : null,
          rules: key.rules,
          suppressedRules: key.suppressedRules,
        })),
      })),
    },
    null,
    2,
  )}\n`;
