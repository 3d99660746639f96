/**
 * Reports for the reporter tests: one from the real pipeline (config, rules, .env files read from disk,
 * one of them missing), extended with what a local run cannot produce — findings located in Cloud Run
 * resources and a suppressed finding.
 */
import { runCheck } from '../../src/check/run-check.js';
import type { Finding, Report } from '../../src/model/report.js';
import type { ReportContext } from '../../src/reporters/reporter-types.js';
import { createWorkspace } from '../support/workspace.js';

export const CONTEXT: ReportContext = { toolVersion: '9.8.7', color: false, failOn: 'error' };

/** Runs a real check on a temporary workspace; the backend's file sits in a folder whose name has a space. */
export async function pipelineReport(): Promise<Report> {
  const workspace = createWorkspace('envdrift-reporters-');
  try {
    workspace.write('envdrift.yaml', `version: 1
packs: []
rules: [rules.yaml]
environments:
  staging:
    services:
      backend: { dotenv: [config dir/backend.env] }
      auth: { dotenv: [auth.env] }
  production:
    production: true
    services:
      backend: { dotenv: [missing/backend.env] }
`);
    workspace.write('rules.yaml', `rules:
  - { id: needs-service-id, kind: require, severity: error, keys: [SERVICE_ID], description: Every service needs an id. It names the caller., remediation: "set SERVICE_ID on {service}" }
  - { id: log-level-info, kind: equals, severity: warning, key: LOG_LEVEL, value: info, optional: true, description: Logs at info., remediation: set LOG_LEVEL=info }
  - { id: jwt-shared, kind: match, severity: error, description: JWT secrets agree., remediation: point both at one secret, members: [{ service: auth, key: JWT_SECRET_KEY }, { service: backend, key: JWT_SECRET_KEY }] }
  - { id: no-bypass-switch, kind: forbid, severity: info, keys: [BYPASS_STARTUP_VALIDATION], when: present, description: No bypass switch., remediation: remove it }
`);
    workspace.write('config dir/backend.env', 'LOG_LEVEL=debug\nLOG_LEVEL=trace\nJWT_SECRET_KEY=one-value\n');
    workspace.write('auth.env', 'SERVICE_ID=netra-auth\nJWT_SECRET_KEY=another-value\n');
    const { report } = await runCheck({ cwd: workspace.dir, fingerprintKey: 'test-key', overview: true });
    return report;
  } finally {
    workspace.dispose();
  }
}

/** A finding on a serving revision's sidecar, and one on a service template related to another service. */
export const CLOUD_RUN_FINDINGS: Finding[] = [
  {
    ruleId: 'needs-service-id',
    severity: 'error',
    message: 'SERVICE_ID is not set',
    detail: 'SERVICE_ID is not set',
    remediation: 'set SERVICE_ID on backend',
    environment: 'production',
    service: 'backend',
    variant: 'revision netra-backend-00042-xyz',
    key: 'SERVICE_ID',
    location: { kind: 'cloudrun', project: 'netra-prod', region: 'us-central1', service: 'netra-backend', revision: 'netra-backend-00042-xyz', container: 'sidecar' },
    related: [],
  },
  {
    ruleId: 'jwt-shared',
    severity: 'error',
    message: 'JWT secrets disagree in production',
    detail: 'values differ: auth JWT_SECRET_KEY has value A; backend JWT_SECRET_KEY has value B',
    remediation: 'point both at one secret',
    environment: 'production',
    service: 'backend',
    variant: 'template',
    key: 'JWT_SECRET_KEY',
    location: { kind: 'cloudrun', project: 'netra-prod', region: 'us-central1', service: 'netra-backend' },
    related: [{ origin: { kind: 'cloudrun', project: 'netra-prod', region: 'us-central1', service: 'netra-auth' }, note: 'auth JWT_SECRET_KEY: value A' }],
  },
];

/** The pipeline's report plus Cloud Run findings, a suppressed finding and a suppression entry that accepted nothing. */
export async function fullReport(): Promise<Report> {
  const report = await pipelineReport();
  const suppressed: Finding = {
    ruleId: 'log-level-info',
    severity: 'warning',
    message: 'LOG_LEVEL is "debug", expected "info"',
    detail: 'LOG_LEVEL is "debug", expected "info"',
    remediation: 'set LOG_LEVEL=info',
    environment: 'staging',
    service: 'auth',
    variant: '.env',
    key: 'LOG_LEVEL',
    location: { kind: 'file', file: 'auth.env', line: 3 },
    related: [],
    suppressed: { reason: 'debug logging until the incident INC-7 is closed', expires: '2099-12-31', source: 'envdrift.ignore.yaml:4' },
  };
  const unused = { kind: 'suppression' as const, source: 'envdrift.ignore.yaml:9', ruleId: 'jwt-shared', environment: 'staging', service: 'auth', note: 'matched no finding' };
  return { ...report, findings: [...report.findings, ...CLOUD_RUN_FINDINGS, suppressed], unusedSuppressions: [unused] };
}

/** Text that breaks naive escaping in every format: markup, quotes, a command separator, control characters. */
export const HOSTILE = 'a <b> & "c" \'d\' | `e` *f* %g:h,i\r\nj\u0001k\u001bl\u0000m ::error::n';

/** A report whose every free-text field holds HOSTILE. */
export function hostileReport(): Report {
  return {
    findings: [
      {
        ruleId: `rule${HOSTILE}`,
        severity: 'error',
        message: `message${HOSTILE}`,
        detail: `detail${HOSTILE}`,
        remediation: `fix${HOSTILE}`,
        environment: `env${HOSTILE}`,
        service: `service${HOSTILE}`,
        variant: `variant${HOSTILE}`,
        key: `KEY${HOSTILE}`,
        location: { kind: 'file', file: `dir${HOSTILE}/x.env`, line: 4, column: 2 },
        related: [{ origin: { kind: 'file', file: `other${HOSTILE}.env`, line: 1 }, note: `note${HOSTILE}` }],
      },
    ],
    unevaluated: [{ ruleId: `rule${HOSTILE}`, environment: `env${HOSTILE}`, service: 'other', key: 'K', reason: `reason${HOSTILE}` }],
    rules: [{ id: `rule${HOSTILE}`, kind: 'equals', severity: 'error', description: `description${HOSTILE}` }],
    environments: [`env${HOSTILE}`],
    servicesChecked: 2,
  };
}

/** Nothing found and everything read. */
export function cleanReport(): Report {
  return { findings: [], unevaluated: [], rules: [{ id: 'needs-service-id', kind: 'require', severity: 'error', description: 'Every service needs an id.' }], environments: ['staging'], servicesChecked: 2 };
}
