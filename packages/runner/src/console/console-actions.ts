import type { KaspiClient, KaspiMerchantCancellationReason } from '@kaspi-connect/kaspi-client';
import { MERCHANT_CANCELLATION_REASONS } from '@kaspi-connect/kaspi-client';
import { applyOrderAction, type OrderAction } from '../orders/order-actions.js';
import type { StateStore } from '../state/state-store.js';

/** An order action as the console asks for it. */
export type ConsoleAction = OrderAction;

/** Reads one order action from a submitted form; throws with what is wrong. */
export function parseOrderAction(
  name: string,
  form: Readonly<Record<string, unknown>>,
): ConsoleAction {
  const text = (key: string) => (typeof form[key] === 'string' ? (form[key] as string).trim() : '');
  switch (name) {
    case 'retry':
      return { type: 'retry' };
    case 'cancel': {
      const reason = text('reason');
      if (!(MERCHANT_CANCELLATION_REASONS as readonly string[]).includes(reason))
        throw new Error(`choose a cancel reason (${MERCHANT_CANCELLATION_REASONS.join(', ')})`);
      return { type: 'cancel', reason: reason as KaspiMerchantCancellationReason };
    }
    case 'handled': {
      const outcome = text('outcome');
      if (outcome !== 'accepted' && outcome !== 'cancelled')
        throw new Error('choose accepted or cancelled');
      const note = text('note');
      if (note === '') throw new Error('say what was done');
      return { type: 'handled', outcome, note: note.slice(0, 300) };
    }
    case 'assemble': {
      const places = Number(text('places'));
      if (!Number.isInteger(places) || places < 1 || places > 99)
        throw new Error('places: a whole number 1-99');
      return { type: 'assemble', places };
    }
    case 'send-code':
      return { type: 'send-code' };
    case 'complete': {
      const securityCode = text('code');
      if (!/^\d{4,8}$/.test(securityCode)) throw new Error("the buyer's code is 4-8 digits");
      return { type: 'complete', securityCode };
    }
    default:
      throw new Error(`unknown action "${name}"`);
  }
}

/**
 * The one path every console order action takes: this is where the order flow's lease is taken
 * (when the state store offers one) so an action never runs beside an order cycle on the same
 * order. The action and its outcome are recorded with who and when.
 */
export async function runConsoleAction(
  deps: { readonly store: StateStore; readonly kaspi: KaspiClient | undefined },
  kaspiCode: string,
  action: ConsoleAction,
  who: string,
  signal?: AbortSignal,
): Promise<{ ok: true } | { ok: false; error: string }> {
  const at = new Date();
  const record = (outcome: string) =>
    deps.store.activity.recordConsoleAction({
      at,
      who,
      action: `order-${action.type}`,
      target: kaspiCode,
      detail: action.type === 'cancel' ? action.reason : undefined,
      outcome,
    });
  try {
    const order = await applyOrderAction(deps, kaspiCode, action, who, signal);
    record(`ok: ${order.state}`);
    return { ok: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    record(`failed: ${message.slice(0, 300)}`);
    return { ok: false, error: message };
  }
}
