/**
 * Normalises a URL for "does this point at that service" comparisons: scheme and host lower-cased (the URL
 * parser does that), default port dropped, trailing slash ignored; the path keeps its case, query and fragment
 * are ignored. Returns undefined for text that is not an absolute URL.
 */
export function urlIdentity(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}
