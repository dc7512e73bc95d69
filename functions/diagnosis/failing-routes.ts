/**
 * The failing requests' routes, from the logs to the backend functions behind them. The access-log
 * probe reports the routes of the failing requests it read; the backend ranking waits for them (a
 * bounded time) so a function that fails without being invoked — API Gateway not allowed to call
 * it, so no errors and no invocations of its own — still ranks first among hundreds.
 */
import type { ApiModel } from './api-model';

/** "GET /orders/{id}" or "ANY /{proxy+}" as a matcher of logged routes ("GET /orders/42", "GET /prod/orders/42"). */
function routeMatcher(route: string): (logged: string) => boolean {
  const [method = '', path = ''] = route.split(' ');
  if (path === '' || route === '$default') return (logged) => logged === route;
  const pattern = path
    .split('/')
    .map((part) =>
      /^\{[^}]+\+\}$/.test(part)
        ? '.+'
        : /^\{[^}]+\}$/.test(part)
          ? '[^/]+'
          : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  // A format logging $context.path instead of $context.resourcePath carries the stage in front.
  const re = new RegExp(`^(?:/[^/]+)?${pattern}/?$`);
  return (logged) => {
    if (logged === route) return true;
    const [loggedMethod = '', loggedPath = ''] = logged.split(' ');
    return (method === 'ANY' || method === loggedMethod) && re.test(loggedPath);
  };
}

/**
 * Failing requests per backend function: each logged route credits the function of the most
 * specific integration it matches (an exact route before a template) and that route's authorizer.
 */
export function failingByFunction(model: ApiModel, routes: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  if (routes.size === 0) return out;
  const matchers = model.integrations.map((i) => ({ integration: i, matches: routeMatcher(i.route) }));
  const authorizerFunction = new Map(model.authorizers.map((a) => [a.id, a.lambdaFunction]));
  const credit = (name: string | undefined, n: number): void => {
    if (name !== undefined) out.set(name, (out.get(name) ?? 0) + n);
  };
  for (const [logged, count] of routes) {
    const hit = matchers.find((m) => m.integration.route === logged) ?? matchers.find((m) => m.matches(logged));
    if (hit === undefined) continue;
    credit(hit.integration.lambdaFunction, count);
    if (hit.integration.authorizerId !== undefined) credit(authorizerFunction.get(hit.integration.authorizerId), count);
  }
  return out;
}

/** Routes reported once by the access-log probe, awaited by the ranking until a point in time. */
export interface FailingRoutes {
  report(routes: ReadonlyMap<string, number>): void;
  /** The reported routes, or empty once `waitUntil` (epoch ms) has passed or `signal` aborts. */
  wait(): Promise<ReadonlyMap<string, number>>;
}

export function createFailingRoutes(waitUntil: number, signal: AbortSignal): FailingRoutes {
  let resolve: (routes: ReadonlyMap<string, number>) => void = () => undefined;
  const reported = new Promise<ReadonlyMap<string, number>>((r) => (resolve = r));
  let waiting: Promise<ReadonlyMap<string, number>> | undefined;
  return {
    report: (routes) => resolve(routes),
    wait() {
      waiting ??= new Promise<ReadonlyMap<string, number>>((done) => {
        const finish = (routes: ReadonlyMap<string, number>): void => {
          clearTimeout(timer);
          signal.removeEventListener('abort', none);
          done(routes);
        };
        const none = (): void => finish(new Map());
        const timer = setTimeout(none, Math.max(0, waitUntil - Date.now()));
        if (signal.aborted) none();
        else signal.addEventListener('abort', none, { once: true });
        void reported.then(finish);
      });
      return waiting;
    },
  };
}
