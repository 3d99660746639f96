import { showInvisible } from './visible-text.js';

/**
 * Text content: markup characters escaped; characters XML 1.0 cannot carry at all, not even as references,
 * written out visibly; a carriage return kept as a reference (parsers would turn a raw one into \n).
 */
export function xmlText(text: string): string {
  return showInvisible(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** An attribute value in double quotes: also quotes, and whitespace that parsers would otherwise normalise. */
export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}
