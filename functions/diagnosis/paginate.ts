/**
 * Every list call paginated: pages are fetched until the service stops returning a token or a
 * page cap is reached (reported as `complete: false`, never silently).
 */
export interface Pages<T> {
  readonly items: T[];
  readonly complete: boolean;
}

export async function allPages<P, T>(
  fetch: (token: string | undefined) => Promise<P>,
  read: (page: P) => { readonly items?: readonly T[] | undefined; readonly next?: string | undefined },
  maxPages = 20,
): Promise<Pages<T>> {
  const items: T[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = read(await fetch(token));
    items.push(...(page.items ?? []));
    token = page.next === '' ? undefined : page.next;
    pages += 1;
  } while (token !== undefined && pages < maxPages);
  return { items, complete: token === undefined };
}
