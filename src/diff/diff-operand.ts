import { UserError } from '../files/user-error.js';

/**
 * One side of a diff, as written on the command line: `[SNAPSHOT.json:]ENV[/SERVICE[@VARIANT]]`.
 * VARIANT picks one configuration of a service: `template`, a revision name, or `.env`.
 */
export interface DiffOperand {
  text: string;
  snapshot?: string;
  environment: string;
  service?: string;
  variant?: string;
}

const OPERAND = /^(?:(?<snapshot>.+\.json):)?(?<environment>[A-Za-z0-9][\w.-]*)(?:\/(?<service>[A-Za-z0-9][\w.-]*)(?:@(?<variant>.+))?)?$/;

export function parseOperand(text: string): DiffOperand {
  const match = OPERAND.exec(text.trim());
  if (!match?.groups) {
    throw new UserError(`'${text}' is not something to diff; expected ENV, ENV/SERVICE, ENV/SERVICE@REVISION or SNAPSHOT.json:ENV/SERVICE (e.g. staging/backend)`);
  }
  const { snapshot, environment, service, variant } = match.groups;
  return { text, environment: environment!, ...(snapshot && { snapshot }), ...(service && { service }), ...(variant && { variant }) };
}

/** `--map A=B` values: key on side A → key on side B. */
export function parseKeyMapping(values: readonly string[]): Map<string, string> {
  const mapping = new Map<string, string>();
  for (const value of values) {
    const [keyA, keyB, extra] = value.split('=');
    if (!keyA || !keyB || extra !== undefined) throw new UserError(`--map ${value}: expected KEY_IN_A=KEY_IN_B, e.g. JWT_SECRET_KEY=JWT_SECRET_STAGING`);
    mapping.set(keyA.trim(), keyB.trim());
  }
  return mapping;
}
