import { nameMatcher } from '../../util/glob.js';

export interface UrlRequirements {
  schemes?: string[];
  forbiddenHosts?: string[];
}

/** Why a URL breaks the requirements, or undefined when it meets them. Never echoes the URL itself. */
export function urlViolation(value: string, requirements: UrlRequirements): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not an absolute URL';
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (requirements.schemes && !requirements.schemes.includes(scheme)) {
    return `uses scheme ${scheme}; expected ${requirements.schemes.join(' or ')}`;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const forbidden = requirements.forbiddenHosts?.find((pattern) => nameMatcher([pattern.toLowerCase()])(host));
  if (forbidden !== undefined) return `points at host ${host}, which matches forbidden host ${forbidden}`;
  return undefined;
}
