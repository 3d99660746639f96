import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The REST rendering of the fake, as far as gcloud needs it. */
export interface RestFake {
  port: number;
  url: string;
  address: string;
}

/** Where a command is on PATH, or undefined (tests that need gcloud skip then). */
export function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return join(dir, command);
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/**
 * A throwaway gcloud configuration in `home` and a minimal environment that make the real gcloud talk to the
 * fake on 127.0.0.1 and to nothing else: the fake is its HTTP proxy (gcloud prefixes regional hosts, so plain
 * endpoint overrides would need DNS), `.invalid` host names, no credentials, no metadata-server probe, no
 * update check, no usage reporting. One copy for every test and benchmark, so none drifts from the others.
 */
export function gcloudSandbox(home: string, rest: RestFake, project: string): NodeJS.ProcessEnv {
  const config = join(home, 'gcloud');
  mkdirSync(join(config, 'configurations'), { recursive: true });
  writeFileSync(join(config, 'active_config'), 'default');
  // gcloud caches "not on GCE" here; seeding it means it never probes the metadata server.
  writeFileSync(join(config, 'gce'), 'False');
  const properties = {
    core: { project, disable_usage_reporting: 'true', disable_prompts: 'true', disable_color: 'true', check_gce_metadata: 'false' },
    metrics: { environment: 'envdrift-test' },
    component_manager: { disable_update_check: 'true' },
    auth: { disable_credentials: 'true' },
    proxy: { type: 'http', address: '127.0.0.1', port: String(rest.port) },
    api_endpoint_overrides: { run: 'http://run.envdrift.invalid/', secretmanager: 'http://secretmanager.envdrift.invalid/' },
  };
  const ini = Object.entries(properties)
    .map(([section, values]) => `[${section}]\n${Object.entries(values).map(([key, value]) => `${key} = ${value}`).join('\n')}\n`)
    .join('\n');
  writeFileSync(join(config, 'configurations', 'config_default'), ini);
  return {
    PATH: process.env.PATH,
    HOME: home,
    LANG: 'C.UTF-8',
    CLOUDSDK_CONFIG: config,
    ...(process.env.CLOUDSDK_PYTHON ? { CLOUDSDK_PYTHON: process.env.CLOUDSDK_PYTHON } : {}),
    // Belt and braces: anything that ignores gcloud's proxy setting still lands on the fake.
    http_proxy: rest.url,
    https_proxy: rest.url,
    HTTP_PROXY: rest.url,
    HTTPS_PROXY: rest.url,
    GCE_METADATA_ROOT: rest.address,
    GCE_METADATA_HOST: rest.address,
    GCE_METADATA_IP: rest.address,
  };
}
