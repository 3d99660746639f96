import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';

/** A throwaway folder of real files for one test; removed by `dispose`. */
export interface Workspace {
  dir: string;
  path(relative: string): string;
  write(relative: string, content: string | Buffer): string;
  writeYaml(relative: string, value: unknown): string;
  dispose(): void;
}

export function createWorkspace(prefix = 'envdrift-test-'): Workspace {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const path = (relative: string) => join(dir, relative);
  const write = (relative: string, content: string | Buffer) => {
    const target = path(relative);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    return target;
  };
  return {
    dir,
    path,
    write,
    writeYaml: (relative, value) => write(relative, stringify(value)),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
