import { Session } from 'node:inspector/promises';

/**
 * Where `evaluate()` spends its time, from V8's sampling profiler (in-process, no files written). Each sample
 * is charged to the nearest envdrift function on its stack (library and runtime frames count for the envdrift
 * code that called them), and to the rule kind whose module is on the stack. Shares of the sampled time are
 * scaled to the median evaluate() time, so the numbers are milliseconds of one evaluate() run.
 */
export interface EvaluateProfile {
  /** By envdrift function, e.g. "describeOwner (rules/kinds/reference.js:69)", with the rule kind it mostly ran for; largest first. */
  functions: Array<{ name: string; ms: number; kind: string }>;
  /** By rule kind; "engine" is work outside any kind module, "garbage collection" is V8's GC. */
  kinds: Array<{ name: string; ms: number }>;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

const SOURCE = '/dist/src/';
const KIND = /\/dist\/src\/rules\/kinds\/([a-z-]+)\.js$/;

export async function profileEvaluate(run: () => void, repetitions: number, medianMs: number): Promise<EvaluateProfile> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  for (let index = 0; index < repetitions; index++) run();
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();

  const nodes = new Map<number, ProfileNode>((profile.nodes as ProfileNode[]).map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of nodes.values()) for (const child of node.children ?? []) parentOf.set(child, node.id);

  const byFunction = new Map<string, number>();
  const byKind = new Map<string, number>();
  const kindsOfFunction = new Map<string, Map<string, number>>();
  let total = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((leafId, index) => {
    const leaf = nodes.get(leafId)!.callFrame.functionName;
    // (idle), (program) and the inspector's own message dispatch are not evaluate()'s work
    if (leaf === '(idle)' || leaf === '(program)' || leaf === 'dispatch' || leaf === '(root)') return;
    const micros = deltas[index] ?? 0;
    let own: string | undefined;
    let kind: string | undefined;
    for (let id: number | undefined = leafId; id !== undefined; id = parentOf.get(id)) {
      const frame = nodes.get(id)!.callFrame;
      if (own === undefined && frame.url.includes(SOURCE)) own = `${frame.functionName || '(anonymous)'} (${frame.url.split(SOURCE)[1]}:${frame.lineNumber + 1})`;
      const match = KIND.exec(frame.url);
      if (match) {
        kind = match[1];
        break;
      }
    }
    if (leaf === '(garbage collector)') own = kind = 'garbage collection';
    own ??= `(outside envdrift) ${leaf}`;
    kind ??= 'engine';
    total += micros;
    byFunction.set(own, (byFunction.get(own) ?? 0) + micros);
    byKind.set(kind, (byKind.get(kind) ?? 0) + micros);
    const kinds = kindsOfFunction.get(own) ?? new Map<string, number>();
    kinds.set(kind, (kinds.get(kind) ?? 0) + micros);
    kindsOfFunction.set(own, kinds);
  });
  const scaled = (map: Map<string, number>) =>
    [...map]
      .map(([name, micros]) => ({ name, ms: Math.round((micros / (total || 1)) * medianMs * 100) / 100 }))
      .sort((a, b) => b.ms - a.ms);
  const mainKind = (name: string) => [...(kindsOfFunction.get(name) ?? [])].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'engine';
  return { functions: scaled(byFunction).slice(0, 40).map((entry) => ({ ...entry, kind: mainKind(entry.name) })), kinds: scaled(byKind) };
}
