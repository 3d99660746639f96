import type { Report } from '../engine/report-types.js';
import type { Severity } from '../inventory/types.js';

export interface ReportContext {
  toolVersion: string;
  /** ANSI colour; decided by the CLI from the terminal, NO_COLOR and FORCE_COLOR. */
  color: boolean;
  /** The threshold in force, so summaries can say which findings fail the run. */
  failOn: Severity | 'never';
}

/** A reporter turns a report into text. It never writes and never decides the exit code. */
export type Reporter = (report: Report, context: ReportContext) => string;
