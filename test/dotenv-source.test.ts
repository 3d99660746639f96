import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { parse as dotenvParse } from 'dotenv';
import { createValueDescriber } from '../src/fingerprints/describe-value.js';
import { looksSensitiveKey, looksSensitiveValue } from '../src/fingerprints/sensitivity.js';
import { parseDotenvText } from '../src/sources/dotenv/dotenv-file.js';
import { readDotenvFiles } from '../src/sources/dotenv/dotenv-source.js';
import { createWorkspace } from './support/workspace.js';

const SAMPLES = [
  'A=1\nB=2\n',
  '# comment\nexport A=1\n  B = spaced  \nC="double \\n quoted"\nD=\'single\'\nE=`back`\n',
  'A="multi\nline\nvalue"\nB=after\n',
  'A=1 # trailing comment\nB="#not a comment"\nC=\n',
  'A=1\r\nB=2\r\n',
  'DUP=1\nDUP=2\nDUP=1\n',
  'A: 1\nB:2\nnot an assignment\n',
  '',
];

describe('parseDotenvText agrees with dotenv', () => {
  for (const sample of SAMPLES) {
    test(`same values as dotenv.parse for ${JSON.stringify(sample).slice(0, 50)}`, () => {
      const lastWins = Object.fromEntries(parseDotenvText(sample).occurrences.map((occurrence) => [occurrence.key, occurrence.rawValue]));
      assert.deepEqual(lastWins, dotenvParse(sample));
    });
  }
});

describe('parseDotenvText keeps what dotenv throws away', () => {
  test('the line of each key, multi-line values included', () => {
    const { occurrences } = parseDotenvText('# header\n\nA="multi\nline"\nB=2\n');
    assert.deepEqual(occurrences.map((occurrence) => [occurrence.key, occurrence.line]), [['A', 3], ['B', 5]]);
  });

  test('every occurrence of a duplicated key', () => {
    const { occurrences } = parseDotenvText('K=1\nX=0\nK=2\n');
    assert.deepEqual(occurrences.filter((occurrence) => occurrence.key === 'K').map((occurrence) => [occurrence.rawValue, occurrence.line]), [['1', 1], ['2', 3]]);
  });

  test('lines dotenv ignores', () => {
    assert.deepEqual(parseDotenvText('A=1\njust words\n# fine\nB=2\n').ignoredLines, [2]);
  });

  test('a file written with literal \\n sequences parses to nothing, and says where', () => {
    const result = parseDotenvText('# tests\\nJWT_SECRET_KEY=x\\nENVIRONMENT=staging');
    assert.equal(result.occurrences.length, 0);
    assert.deepEqual(result.escapedNewlineLines, [1]);
  });
});

describe('readDotenvFiles', () => {
  const workspace = createWorkspace();
  after(() => workspace.dispose());
  const describer = createValueDescriber({ isSensitiveKey: looksSensitiveKey, isSensitiveValue: looksSensitiveValue, probes: [] });
  const where = { environment: 'staging', service: 'backend' };
  const read = (files: string[]) => readDotenvFiles(files.map((file) => workspace.path(file)), (file) => file.slice(workspace.dir.length + 1), where, describer);

  test('later files override earlier ones; entries point at the winning line', () => {
    workspace.write('shared.env', 'A=shared\nB=shared\n');
    workspace.write('own.env', '\nB=own\n');
    const reading = read(['shared.env', 'own.env']);
    assert.deepEqual(
      reading.variant!.entries.map((entry) => [entry.key, entry.value!.text, entry.origin]),
      [
        ['A', 'shared', { kind: 'file', file: 'shared.env', line: 1 }],
        ['B', 'own', { kind: 'file', file: 'own.env', line: 2 }],
      ],
    );
    assert.deepEqual(reading.problems, []);
  });

  test('a duplicate with a different value is a problem naming both lines; an identical repeat is not', () => {
    workspace.write('dup.env', 'K=1\nK=1\nK=2\n');
    const reading = read(['dup.env']);
    assert.equal(reading.problems.length, 1);
    assert.equal(reading.problems[0]!.ruleId, 'envdrift/duplicate-key');
    assert.deepEqual(reading.problems[0]!.origin, { kind: 'file', file: 'dup.env', line: 3 });
    assert.match(reading.problems[0]!.message, /first at line 1/);
  });

  test('a non-empty file with no variables is a problem; an empty one is not', () => {
    workspace.write('escaped.env', '# e2e\\nA=1\\nB=2\n');
    workspace.write('empty.env', '\n\n');
    assert.deepEqual(read(['escaped.env']).problems.map((problem) => problem.ruleId), ['envdrift/no-variables']);
    assert.deepEqual(read(['empty.env']).problems, []);
  });

  test('a missing file makes the service unreadable, naming the file', () => {
    const reading = read(['nope.env']);
    assert.equal(reading.variant, undefined);
    assert.equal(reading.unreadable, 'nope.env does not exist');
  });

  test('sensitive values keep no text; plain ones do', () => {
    workspace.write('mixed.env', 'JWT_SECRET_KEY=hunter2\nLOG_LEVEL=info\nDATABASE_URL=postgres://u:pw@db/x\n');
    const texts = Object.fromEntries(read(['mixed.env']).variant!.entries.map((entry) => [entry.key, entry.value!.text]));
    assert.deepEqual(texts, { JWT_SECRET_KEY: undefined, LOG_LEVEL: 'info', DATABASE_URL: undefined });
  });
});
