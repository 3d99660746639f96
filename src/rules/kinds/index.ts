import type { RuleKind } from '../rule-kind.js';
import { distinctKind } from './distinct.js';
import { equalsKind } from './equals.js';
import { forbidKind } from './forbid.js';
import { markerKind } from './marker.js';
import { matchKind } from './match.js';
import { parityKind } from './parity.js';
import { patternKind } from './pattern.js';
import { referenceKind } from './reference.js';
import { requireKind } from './require.js';
import { sameSourceKind } from './same-source.js';
import { sourceKind } from './source.js';
import { strengthKind } from './strength.js';
import { trimmedKind } from './trimmed.js';
import { uniformKind } from './uniform.js';

/** Every rule kind by name. The list of kinds anywhere (schema, docs checks, CLI) comes from this map. */
export const ruleKinds: Readonly<Record<string, RuleKind>> = {
  require: requireKind,
  forbid: forbidKind,
  equals: equalsKind,
  pattern: patternKind,
  match: matchKind,
  distinct: distinctKind,
  reference: referenceKind,
  source: sourceKind,
  trimmed: trimmedKind,
  uniform: uniformKind,
  'same-source': sameSourceKind,
  strength: strengthKind,
  parity: parityKind,
  marker: markerKind,
};
