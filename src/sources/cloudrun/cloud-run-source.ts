import { CLOUD_RUN_EMULATOR_HOST } from '../google/gcp-clients.js';
import { clientOptionsFor, googleUnavailable } from '../google/google-access.js';
import type { InventorySource, PartialInventory, SourceContext } from '../source.js';
import type { CloudRunRequest } from './read-cloud-run.js';

/**
 * One environment's Cloud Run services as a source. The Google client libraries are loaded only when a run
 * really reads Cloud Run: every local check pays the CLI's cold start.
 */
export function cloudRunSource(request: CloudRunRequest): InventorySource {
  return {
    environment: request.environment,
    async read(context: SourceContext): Promise<PartialInventory> {
      const unavailable = googleUnavailable(context.gcp, CLOUD_RUN_EMULATOR_HOST);
      if (unavailable) {
        return {
          services: request.services.map(({ logicalName }) => ({ environment: request.environment, service: logicalName, variants: [], problems: [], unreadable: `Cloud Run not read: ${unavailable.reason}` })),
          ...(unavailable.notice && { notices: [unavailable.notice] }),
        };
      }
      const { createRunClients } = await import('../google/gcp-clients.js');
      const { readCloudRun } = await import('./read-cloud-run.js');
      context.shared.runClients ??= createRunClients(context.gcp!.env, clientOptionsFor(context.gcp!, CLOUD_RUN_EMULATOR_HOST));
      const readings = await readCloudRun([request], {
        clients: await context.shared.runClients,
        budget: context.shared.budget(),
        describer: context.describer,
        scans: context.shared.scans,
        ...(context.gcp!.progress && { progress: context.gcp!.progress }),
      });
      return {
        services: readings.map((reading) => ({
          environment: reading.environment,
          service: reading.logicalName,
          variants: reading.variants,
          problems: reading.problems,
          ...(reading.unreadable !== undefined && { unreadable: reading.unreadable }),
        })),
      };
    },
  };
}
