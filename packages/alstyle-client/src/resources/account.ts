import type { AlStyleClient, CallOptions } from '../client-types.js';
import { ENDPOINTS } from '../endpoints.js';
import type { AlStyleUserData } from '../schemas/account.js';
import { call, type ResourceContext } from './context.js';

/** The account: `user-data` (powers of attorney, carriers, subordinate entities). */
export function accountResource(
  ctx: ResourceContext,
  userDataCacheMs: number,
): Pick<AlStyleClient, 'getUserData'> & {
  /** `user-data`, reused for `userDataCacheMs`; a failed fetch is never cached. */
  cachedUserData(opts: CallOptions): Promise<AlStyleUserData>;
} {
  const getUserData = (opts: CallOptions = {}): Promise<AlStyleUserData> =>
    call(ctx, ENDPOINTS.userData, opts);
  let cache: { at: number; value: Promise<AlStyleUserData> } | undefined;
  return {
    getUserData,
    cachedUserData(opts) {
      const now = Date.now();
      if (cache && now - cache.at < userDataCacheMs) return cache.value;
      const value = getUserData(opts);
      cache = { at: now, value };
      value.catch(() => {
        if (cache?.value === value) cache = undefined;
      });
      return value;
    },
  };
}
