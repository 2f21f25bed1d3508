import type { Fault } from '@kaspi-connect/sim-kit';

/** Al-Style's own quirks, injected like the kit's faults. */
export type AlStyleQuirk =
  | {
      /** `elements*`: return only the first `keep` items of the page, with correct metadata. */
      readonly kind: 'truncated-page';
      readonly keep: number;
    }
  | {
      /** Answer as if the token were invalid. */
      readonly kind: 'bad-token';
    }
  | {
      /** `/api/images`: answer `{success:false, interval}` with HTTP 200. */
      readonly kind: 'images-throttle';
      readonly intervalSeconds: number;
    };

/**
 * A fault for matching requests, `times` times (default 1): the kit's vocabulary (`status`
 * answers an HTML upstream error) plus Al-Style's quirks. `path` is e.g. `/api/elements-pagination`.
 */
export type AlStyleFault = Fault<AlStyleQuirk>;

/** The quirks only make sense on their own endpoints: they never wait on another one. */
export function scoped(fault: AlStyleFault): AlStyleFault {
  if (fault.path !== undefined) return fault;
  if (fault.kind === 'images-throttle') return { ...fault, path: '/api/images' };
  if (fault.kind === 'truncated-page') return { ...fault, path: /^\/api\/elements/ };
  return fault;
}
