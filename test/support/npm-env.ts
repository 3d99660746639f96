/**
 * The environment for npm run by a test: the developer's HOME (its npm cache) and PATH, without the `npm_*`
 * variables that `npm test` exports (they would point a nested npm at this project's settings), preferring
 * the local cache so an install needs the registry only for what the cache lacks.
 */
export function npmEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name));
  return {
    ...Object.fromEntries(kept),
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...extra,
  };
}
