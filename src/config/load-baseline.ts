import type { BaselineDocument, BaselineFinding } from '../model/baseline-document.js';
import type { Baseline } from '../model/suppression.js';
import { baselineSchema } from './baseline-schema.js';
import { compileSchema } from '../files/compile-schema.js';
import { UserError } from '../files/user-error.js';
import { expiryProblem } from './expiry.js';
import { readUserFile } from '../files/read-user-file.js';
import { checkAgainstSchema } from '../files/schema-check.js';
import { parseYamlFile } from '../files/yaml-file.js';

/**
 * Reads a baseline written by `--write-baseline`. JSON is YAML, so the YAML parser gives every problem a
 * line and column. A baseline that is wrong anywhere is refused as a whole (exit 2), never half applied.
 */
export function loadBaseline(file: string, shownName: string, today: string): Baseline {
  const yaml = parseYamlFile(shownName, readUserFile(file, 'baseline'));
  const problems = checkAgainstSchema(yaml, compileSchema(baselineSchema));
  if (problems.length > 0) throw new UserError(`${shownName} is not an envdrift baseline (write one with --write-baseline)`, problems);

  const document = yaml.value as BaselineDocument;
  const expired = expiryProblem(document.expires, today, 'the baseline', 'write a new one with --write-baseline (accepting the findings that are still there), or fix them');
  if (expired) problems.push({ file: shownName, ...yaml.locate(['expires']), message: expired });
  const seen = new Set<string>();
  document.findings.forEach((finding, index) => {
    if (seen.has(finding.identity)) problems.push({ file: shownName, ...yaml.locate(['findings', index, 'identity']), message: `identity ${finding.identity} is listed twice; keep one entry and add up the counts` });
    seen.add(finding.identity);
  });
  if (problems.length > 0) throw new UserError(`${shownName} is not a valid envdrift baseline; no finding was accepted`, problems);

  return {
    file: shownName,
    createdAt: document.createdAt,
    expires: document.expires,
    entries: document.findings.map((finding: BaselineFinding, index) => ({
      identity: finding.identity,
      count: finding.count,
      ruleId: finding.ruleId,
      ...(typeof finding.environment === 'string' && { environment: finding.environment }),
      ...(typeof finding.service === 'string' && { service: finding.service }),
      ...(typeof finding.key === 'string' && { key: finding.key }),
      source: `${shownName}:${yaml.locate(['findings', index]).line}`,
    })),
  };
}
