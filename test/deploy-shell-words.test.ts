/** The shell tokenizer deploy declarations are read with: words as a POSIX shell splits them, unknowns kept apart. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isUnknown, shownText, tokenizeShell, ShellSyntaxError } from '../src/sources/deploy/shell-words.js';
import { splitGcloudDict } from '../src/sources/deploy/gcloud-list.js';

const words = (script: string, githubExpressions = false) => tokenizeShell(script, { githubExpressions }).map((command) => command.words.map((word) => shownText(word.text, word)));

describe('tokenizeShell', () => {
  test('quotes, escapes and line continuations', () => {
    assert.deepEqual(words(`gcloud run deploy api \\\n  --set-env-vars='A=1,B=two words' \\\n  --update-env-vars "C=\\"q\\" \\$x" D\\ E`), [
      ['gcloud', 'run', 'deploy', 'api', '--set-env-vars=A=1,B=two words', '--update-env-vars', 'C="q" $x', 'D E'],
    ]);
    assert.deepEqual(words(`echo 'it''s' "a\\nb" $'x\\ty'`), [['echo', 'its', 'a\\nb', 'x\ty']]);
    assert.deepEqual(words(`echo ''`), [['echo', '']]);
  });

  test('separators, comments, redirections and here-documents', () => {
    assert.deepEqual(words('a 1; b 2 && c || d | e & f # comment here\n# whole line\ng#h'), [['a', '1'], ['b', '2'], ['c'], ['d'], ['e'], ['f'], ['g#h']]);
    assert.deepEqual(words('gcloud run deploy x > out.log 2>&1\nnext'), [['gcloud', 'run', 'deploy', 'x'], ['next']]);
    assert.deepEqual(words('cat <<EOF > f\ngcloud run deploy nope\nEOF\ngcloud run deploy yes'), [['cat'], ['gcloud', 'run', 'deploy', 'yes']]);
    assert.deepEqual(words('if true; then gcloud run deploy a; fi'), [['if', 'true'], ['then', 'gcloud', 'run', 'deploy', 'a'], ['fi']]);
  });

  test('expansions are unknown, each kept as written', () => {
    const [command] = tokenizeShell('x --set-env-vars=A=$A,B=${B:-z},C="$(date +%s)",D=`id`,E=${{ secrets.E }},F=lit', { githubExpressions: true });
    const word = command!.words[1]!;
    assert.ok(isUnknown(word.text));
    assert.equal(shownText(word.text, word), '--set-env-vars=A=$A,B=${B:-z},C=$(date +%s),D=`id`,E=${{ secrets.E }},F=lit');
    assert.deepEqual(word.expansions, ['$A', '${B:-z}', '$(date +%s)', '`id`', '${{ secrets.E }}']);
    assert.equal(words('echo $ 5$')[0]!.join(' '), 'echo $ 5$');
    assert.deepEqual(words('echo $$_SUB')[0], ['echo', '$$_SUB']);
  });

  test('offsets point at each character as written', () => {
    const script = 'gcloud \\\n  --x="ab"';
    const word = tokenizeShell(script)[0]!.words[1]!;
    assert.equal(word.text, '--x=ab');
    assert.equal(script[word.offsets[4]!], 'a');
    assert.equal(word.start, script.indexOf('--x'));
  });

  test('what cannot be tokenized names the offset', () => {
    for (const [script, offset, message] of [
      ["echo 'open", 5, /single quote/],
      ['echo "open', 5, /double quote/],
      ['echo $(date', 5, /\$\(/],
      ['echo ${{ secrets.X', 5, /\$\{\{/],
      ['echo `id', 5, /backtick/],
      ['cat <<EOF\nbody', 4, /here-document/],
      ['echo >', 6, /redirection/],
    ] as const) {
      assert.throws(() => tokenizeShell(script, { githubExpressions: true }), (error: unknown) => error instanceof ShellSyntaxError && error.offset === offset && message.test(error.message), script);
    }
  });

  test('hostile input ends quickly', () => {
    const started = Date.now();
    assert.throws(() => tokenizeShell(`echo ${'$('.repeat(20000)}`), ShellSyntaxError);
    tokenizeShell('a\\\n'.repeat(50000));
    assert.ok(Date.now() - started < 5000);
  });
});

describe('gcloud list values', () => {
  test('custom delimiters: ^@^ splits on @ and keeps commas in values', () => {
    assert.deepEqual(splitGcloudDict('^@^A=1,2@B=x=y').map(({ key, value }) => [key, value]), [['A', '1,2'], ['B', 'x=y']]);
    assert.deepEqual(splitGcloudDict('^:^A=1:B=2').map(({ key }) => key), ['A', 'B']);
    assert.deepEqual(splitGcloudDict(' A=1, B=2').map(({ key, value }) => [key, value]), [['A', '1'], ['B', '2']]);
    assert.throws(() => splitGcloudDict('^@A=1'), /second \^/);
    assert.throws(() => splitGcloudDict('A=1,sk-live-value'), (error: Error) => /item 2/.test(error.message) && !error.message.includes('sk-live'));
  });
});
