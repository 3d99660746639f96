import { callGoogle, GoogleCallFailure, type CallBudget, type CallPurpose, type GaxCallOptions } from './google-calls.js';

export interface ListPage<T> {
  items: T[];
  nextPageToken: string;
}

/** More items than this in one listing is a server gone wrong, not a project: stop before memory does. */
export const MAX_LISTED_ITEMS = 20_000;

/**
 * Follows a list's pages one call at a time, each call within the overall deadline, and stops a server that
 * never ends a listing: a next-page token it already sent (a cursor stuck in a loop), or a page that adds
 * nothing new (only items already listed, or none at all while promising more), ends the listing as
 * unreadable with that reason, instead of running until the deadline while duplicates pile up in memory.
 */
export async function listEveryPage<T>(
  budget: CallBudget,
  purpose: CallPurpose,
  fetchPage: (pageToken: string, options: GaxCallOptions) => Promise<ListPage<T>>,
  identify: (item: T) => string,
): Promise<T[]> {
  const items: T[] = [];
  const seenItems = new Set<string>();
  const seenTokens = new Set<string>();
  let pageToken = '';
  do {
    const page = await callGoogle(budget, purpose, (options) => fetchPage(pageToken, options));
    const fresh = page.items.filter((item) => !seenItems.has(identify(item)));
    if (page.nextPageToken && seenTokens.has(page.nextPageToken)) {
      throw new GoogleCallFailure(`the server repeated a page token while listing ${purpose.resource}; listing stopped (the server is looping)`);
    }
    if (page.nextPageToken && fresh.length === 0) {
      throw new GoogleCallFailure(`the server sent a page of ${purpose.resource} that added nothing new and promised more; listing stopped (the server is looping)`);
    }
    for (const item of fresh) {
      seenItems.add(identify(item));
      items.push(item);
    }
    if (items.length > MAX_LISTED_ITEMS) throw new GoogleCallFailure(`more than ${MAX_LISTED_ITEMS} items in ${purpose.resource}; listing stopped`);
    seenTokens.add(page.nextPageToken);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return items;
}
