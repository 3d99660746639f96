/**
 * Colour only for people: on a terminal, unless NO_COLOR is set (https://no-color.org); FORCE_COLOR turns it
 * on anywhere (and FORCE_COLOR=0 off), as most Node tools do.
 */
export function wantsColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}
