/**
 * docs/configuration.md is the complete reference of envdrift.yaml: every property of the JSON Schema the
 * loader validates against is in the table of its section, and no table lists a key the schema lacks.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../src/files/package-root.js';

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
}

/** Which section documents the properties of the object at each place in the schema. */
const SECTIONS: Record<string, string> = {
  '': 'Top level',
  'environments.*': 'An environment',
  'environments.*.cloudrun': "An environment's `cloudrun`",
  'environments.*.services.*': 'A service',
};

/** Objects with named properties, by place (`*` for "any name"). */
function objectsOf(node: SchemaNode, place: string, found: Map<string, string[]>): Map<string, string[]> {
  if (node.properties) {
    found.set(place, Object.keys(node.properties));
    for (const [name, child] of Object.entries(node.properties)) objectsOf(child, place ? `${place}.${name}` : name, found);
  }
  if (typeof node.additionalProperties === 'object') objectsOf(node.additionalProperties, `${place}.*`, found);
  return found;
}

/** The keys in the first column of the table under `## heading`. */
function documentedKeys(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  assert.notEqual(start, -1, `docs/configuration.md has no section "## ${heading}"`);
  const section = markdown.slice(start + 1).split(/\n## /)[0]!;
  return [...section.matchAll(/^\| `([A-Za-z]+)` \|/gm)].map((match) => match[1]!);
}

test('docs/configuration.md documents every key of schemas/envdrift.schema.json, and no other', () => {
  const schema = JSON.parse(readFileSync(join(packageRoot, 'schemas', 'envdrift.schema.json'), 'utf8')) as SchemaNode;
  const markdown = readFileSync(join(packageRoot, 'docs', 'configuration.md'), 'utf8');
  const objects = objectsOf(schema, '', new Map());
  assert.deepEqual([...objects.keys()].filter((place) => !(place in SECTIONS)), [], 'a new object in the schema needs its section in docs/configuration.md');
  for (const [place, keys] of objects) {
    assert.deepEqual(documentedKeys(markdown, SECTIONS[place]!).sort(), [...keys].sort(), `section "${SECTIONS[place]}"`);
  }
});
