import { compact, integer, lastSegment, list, object, unquote } from './json-shapes.js';
import { EXECUTION_ENVIRONMENT, INGRESS, SecretAliases, knativeConditions, knativeRevisionSpec, knativeTraffic, scalingAnnotations } from './knative-spec.js';
import { stringField, type ProtoJson } from '../../../src/demo/fake-gcp/proto-json.js';
import { parseRevisionName, parseServiceName } from '../../../src/demo/fake-gcp/resource-names.js';

/**
 * Renders Cloud Run v2 resources in the Knative-shaped Cloud Run Admin API v1 (`serving.knative.dev/v1`),
 * which is what `gcloud run` actually calls (it has not moved to v2). Only the fields envdrift and gcloud's
 * printers look at are mapped (names, labels, env and secret references, volumes, traffic, conditions,
 * the settings v1 keeps in annotations); the rest is left out rather than guessed.
 */

export interface ProjectIds {
  id: string;
  number: string;
}

const API_VERSION = 'serving.knative.dev/v1';

export function knativeService(service: ProtoJson, project: ProjectIds): ProtoJson {
  const { service: id, location } = parseServiceName(service.name);
  const template = object(service.template);
  const secretAliases = new SecretAliases();
  const templateSpec = knativeRevisionSpec(template, secretAliases);
  return compact({
    apiVersion: API_VERSION,
    kind: 'Service',
    metadata: compact({
      name: id,
      namespace: project.number,
      selfLink: `/apis/${API_VERSION}/namespaces/${project.number}/services/${id}`,
      uid: service.uid,
      resourceVersion: unquote(stringField(service, 'etag')),
      generation: integer(service.generation),
      creationTimestamp: service.createTime,
      labels: { ...object(service.labels), 'cloud.googleapis.com/location': location },
      annotations: compact({
        ...object(service.annotations),
        'serving.knative.dev/creator': service.creator,
        'serving.knative.dev/lastModifier': service.lastModifier,
        'run.googleapis.com/ingress': INGRESS[String(service.ingress)],
        'run.googleapis.com/ingress-status': INGRESS[String(service.ingress)],
        'run.googleapis.com/description': service.description,
        'run.googleapis.com/urls': Array.isArray(service.urls) ? JSON.stringify(service.urls) : undefined,
      }),
    }),
    spec: {
      template: compact({
        metadata: compact({
          name: template.revision,
          labels: template.labels,
          annotations: compact({
            ...object(template.annotations),
            ...scalingAnnotations(object(template.scaling)),
            'run.googleapis.com/execution-environment': EXECUTION_ENVIRONMENT[String(template.executionEnvironment)],
            'run.googleapis.com/secrets': secretAliases.annotation(),
          }),
        }),
        spec: templateSpec,
      }),
      traffic: list(service.traffic).map(knativeTraffic),
    },
    status: compact({
      observedGeneration: integer(service.observedGeneration),
      conditions: knativeConditions([service.terminalCondition, ...list(service.conditions)]),
      latestReadyRevisionName: lastSegment(service.latestReadyRevision),
      latestCreatedRevisionName: lastSegment(service.latestCreatedRevision),
      traffic: list(service.trafficStatuses).map(knativeTraffic),
      url: service.uri,
      address: service.uri ? { url: service.uri } : undefined,
    }),
  });
}

export function knativeRevision(revision: ProtoJson, project: ProjectIds): ProtoJson {
  const { service, location, revision: id } = parseRevisionName(revision.name);
  const secretAliases = new SecretAliases();
  const spec = knativeRevisionSpec(revision, secretAliases);
  return compact({
    apiVersion: API_VERSION,
    kind: 'Revision',
    metadata: compact({
      name: id,
      namespace: project.number,
      selfLink: `/apis/${API_VERSION}/namespaces/${project.number}/revisions/${id}`,
      uid: revision.uid,
      resourceVersion: unquote(stringField(revision, 'etag')),
      generation: integer(revision.generation),
      creationTimestamp: revision.createTime,
      labels: {
        ...object(revision.labels),
        'serving.knative.dev/service': service,
        'serving.knative.dev/configuration': service,
        'cloud.googleapis.com/location': location,
      },
      annotations: compact({
        ...object(revision.annotations),
        ...scalingAnnotations(object(revision.scaling)),
        'run.googleapis.com/execution-environment': EXECUTION_ENVIRONMENT[String(revision.executionEnvironment)],
        'run.googleapis.com/secrets': secretAliases.annotation(),
      }),
    }),
    spec,
    status: compact({
      observedGeneration: integer(revision.observedGeneration),
      conditions: knativeConditions(list(revision.conditions)),
      logUrl: revision.logUri,
    }),
  });
}

/** A Kubernetes list; `metadata` stays even when empty, because gcloud pages by reading `metadata.continue`. */
export function knativeList(kind: 'ServiceList' | 'RevisionList', items: ProtoJson[]): ProtoJson {
  return { apiVersion: API_VERSION, kind, metadata: {}, items };
}
