import type { Report } from '../model/report.js';
import type { Severity } from '../model/inventory.js';

export interface ReportContext {
  toolVersion: string;
  /** ANSI colour; decided by the CLI from the terminal, NO_COLOR and FORCE_COLOR. */
  color: boolean;
  /** The threshold in force, so summaries can say which findings fail the run. */
  failOn: Severity | 'never';
  /**
   * The config file as the user would write its path (relative to the working directory when under it).
   * SARIF anchors findings about a Cloud Run resource there, because GitHub code scanning rejects a whole
   * SARIF file when one result has no file location. Optional: without it such results carry only their
   * logical location (valid SARIF, but not accepted by GitHub).
   */
  configFile?: string;
  /**
   * The line of `configFile` where each service is declared, keyed `environment/service`: SARIF points a
   * Cloud Run finding at the declaration of the service it is about instead of at the whole file.
   */
  serviceLines?: Readonly<Record<string, number>>;
}

/** A reporter turns a report into text. It never writes and never decides the exit code. */
export type Reporter = (report: Report, context: ReportContext) => string;
