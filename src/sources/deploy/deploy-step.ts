/**
 * What one deploy in a pipeline (a deploy-cloudrun step, a gcloud command, a Terraform resource change) does
 * to one Cloud Run service's configuration, independent of the file format it was written in.
 */

/** A place in the declaration file. */
export interface Place {
  file: string;
  line: number;
  column: number;
}

/** A value as the file states it: known text, or something only the running pipeline knows. */
export type Declared = { known: true; text: string } | { known: false; writtenAs: string };

export interface EnvAssignment {
  key: string;
  value: Declared;
  at: Place;
}

export interface SecretAssignment {
  /** An env var name, or a mount path (`/secrets/api/key`): a secret mounted as a file. */
  key: string;
  /** A short name in the service's project, or `projects/N/secrets/NAME`; unknown when written with an expansion. */
  secret: Declared;
  version: string;
  at: Place;
}

export interface KeyRemoval {
  key: string;
  at: Place;
}

/**
 * One gcloud "changer": literal env vars or secret references. Applied as gcloud applies it: `clear` empties
 * the set (`--set-*`, `--clear-*`, `--env-vars-file`, an overwrite strategy), then `removes`, then `updates`.
 */
export interface EnvChange {
  kind: 'env' | 'secrets';
  clear: boolean;
  removes: KeyRemoval[];
  updates: Array<EnvAssignment | SecretAssignment>;
  /** Where the flag or input that clears was written (for the "this deploy removes …" finding). */
  clearAt?: Place;
  /** When the set of keys itself is unknown (an env vars file that cannot be read): why. */
  unknownKeys?: string;
}

export interface DeployStep {
  /** Where the step (or command, or resource change) starts. */
  at: Place;
  /** How the step is named in messages: `gcloud run deploy`, `deploy-cloudrun step "Deploy backend"`, a resource address. */
  label: string;
  resource: 'service' | 'job';
  name: Declared;
  project?: Declared;
  region?: Declared;
  /** The container the changes apply to (`--container`); the first container when absent. */
  container?: string;
  /** In the order gcloud applies them: literal env vars first, then secrets. */
  changes: EnvChange[];
  /**
   * True when the step states the whole configuration (a Terraform plan): what is deployed now is not
   * consulted, except to say which keys the step removes.
   */
  complete?: boolean;
}

/** A declaration envdrift cannot read, at the place to fix (exit 2). */
export class StepProblem extends Error {
  constructor(message: string, readonly place: Place) {
    super(message);
    this.name = 'StepProblem';
  }
}
