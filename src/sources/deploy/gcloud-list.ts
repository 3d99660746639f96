/**
 * gcloud's list and dictionary flag values (`--set-env-vars=A=1,B=2`, `--remove-env-vars=A,B`), including
 * its alternative delimiter syntax: a value that starts with `^DELIM^` is split on DELIM instead of commas
 * (`^@^A=1,2@B=3` is A=`1,2` and B=`3`; `gcloud topic escaping`).
 */

/** One piece of a list value, with the position of its first character in the value. */
export interface ListItem {
  text: string;
  /** Index in the value's text where the item starts. */
  at: number;
}

export interface DictItem {
  key: string;
  value: string;
  /** Index in the value's text where the key starts. */
  keyAt: number;
  /** Index where the value starts. */
  valueAt: number;
}

/** Splits a list value the way gcloud's ArgList does; throws with a message gcloud would give in spirit. */
export function splitGcloudList(text: string): ListItem[] {
  let delimiter = ',';
  let start = 0;
  if (text.startsWith('^')) {
    const close = text.indexOf('^', 1);
    if (close < 0) throw new Error(`the value starts with ^ but does not close the delimiter with a second ^ (as in ^@^A=1@B=2)`);
    if (close === 1) throw new Error('^^ names an empty delimiter; write one, as in ^@^A=1@B=2');
    delimiter = text.slice(1, close);
    start = close + 1;
  }
  if (start === text.length) return [];
  const items: ListItem[] = [];
  let at = start;
  for (;;) {
    const end = text.indexOf(delimiter, at);
    if (end < 0) {
      items.push({ text: text.slice(at), at });
      return items;
    }
    items.push({ text: text.slice(at, end), at });
    at = end + delimiter.length;
  }
}

/** Splits a dictionary value into KEY=VALUE items (on the first `=` of each), as gcloud's ArgDict does. */
export function splitGcloudDict(text: string): DictItem[] {
  return splitGcloudList(text).map((item, index) => {
    const equals = item.text.indexOf('=');
    // The item itself is not shown: it may be a value pasted without its key.
    if (equals < 0) throw new Error(`item ${index + 1} of the list has no '=': expected KEY=VALUE`);
    const rawKey = item.text.slice(0, equals);
    // gcloud strips the whitespace around keys (StripKeys), not around values.
    const leading = rawKey.length - rawKey.trimStart().length;
    return { key: rawKey.trim(), value: item.text.slice(equals + 1), keyAt: item.at + leading, valueAt: item.at + equals + 1 };
  });
}
