import { ExitCode } from '../engine/verdict.js';

/**
 * The last line of defence against an exception that escaped every handler: an unhandled rejection raised
 * inside a client library, an error thrown from a timer. Node's default would print the error's message,
 * the source line it came from (for a JSON.parse of a key file: the private key itself) and a stack, then
 * exit 1 — "findings". Instead print a fixed sentence that echoes nothing of the input, and exit 3 when the
 * failure came from reading Google Cloud (a source could not be read), 2 otherwise (an internal error).
 */
export function installLastResortHandlers(debug: boolean): void {
  const handle = (error: unknown) => {
    const fromGoogle = cameFromGoogleLibraries(error);
    process.stderr.write(
      fromGoogle
        ? 'envdrift: the Google Cloud client library failed (often: unusable credentials); nothing was checked. Run `gcloud auth application-default login` or fix GOOGLE_APPLICATION_CREDENTIALS.\n'
        : 'envdrift: internal error: an unexpected failure escaped its handler. This is a bug in envdrift; please report it with the command you ran.\n',
    );
    // The stack names only code locations; the message may quote input, so neither is printed unless asked.
    if (debug) process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(fromGoogle ? ExitCode.incomplete : ExitCode.usage);
  };
  process.on('uncaughtException', handle);
  process.on('unhandledRejection', handle);
}

function cameFromGoogleLibraries(error: unknown): boolean {
  const stack = typeof (error as Error)?.stack === 'string' ? (error as Error).stack! : '';
  return /node_modules[\\/](google-auth-library|google-gax|gcp-metadata|gaxios|@grpc|@google-cloud)[\\/]/.test(stack);
}
