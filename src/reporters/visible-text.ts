/**
 * Characters no output format should carry raw: C0 controls other than tab, line feed and carriage return
 * (an escape sequence would repaint a terminal or a CI log), DEL, U+FFFE/U+FFFF and unpaired surrogates
 * (which XML 1.0 forbids outright and UTF-8 cannot encode).
 */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Writes such characters out visibly (`\u0007`), so a message keeps saying what was there. */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
