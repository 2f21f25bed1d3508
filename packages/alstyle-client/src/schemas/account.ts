import * as v from 'valibot';
import { parseAlStyleDate } from '../dates.js';

/**
 * A power of attorney from `user-data` (`Доверенности`). Unknown keys are kept, because the
 * object is sent back verbatim as `attorney_json`.
 */
export const attorneySchema = v.looseObject({
  ФИО: v.nullish(v.string()),
  ДатаВыдачи: v.nullish(v.string()),
  ДатаОкончания: v.nullish(v.string()),
  Номер: v.string(),
  Основной: v.boolean(),
  БИН: v.nullish(v.string()),
  empty: v.optional(v.boolean()),
});

/** A shipping method from `user-data` (`Транспортники`), kept verbatim for `delivery_json`. */
export const carrierSchema = v.looseObject({
  СпособДоставки: v.string(),
  Транспортник: v.nullish(v.string()),
  Адрес: v.nullish(v.string()),
  Контакты: v.nullish(v.string()),
  Телефон: v.nullish(v.string()),
  Комментарий: v.nullish(v.string()),
  Основной: v.boolean(),
  БИН: v.nullish(v.string()),
});

/** A power of attorney exactly as `user-data` returned it. */
export type AlStyleAttorney = v.InferOutput<typeof attorneySchema>;
/** A shipping method exactly as `user-data` returned it. */
export type AlStyleCarrier = v.InferOutput<typeof carrierSchema>;

/** `/api/user-data` response. */
export const userDataSchema = v.pipe(
  v.looseObject({
    status: v.literal(true),
    data: v.looseObject({
      Доверенности: v.array(attorneySchema),
      Транспортники: v.array(carrierSchema),
      Подчиненные: v.nullish(
        v.union([
          v.record(
            v.string(),
            v.looseObject({ БИН: v.nullish(v.string()), Наименование: v.nullish(v.string()) }),
          ),
          v.array(v.unknown()),
        ]),
      ),
      bin: v.nullish(v.string()),
    }),
  }),
  v.transform(({ data }) => ({
    attorneys: data.Доверенности,
    carriers: data.Транспортники,
    subordinates: Array.isArray(data.Подчиненные)
      ? []
      : Object.values(data.Подчиненные ?? {}).map((s) => ({
          bin: s.БИН ?? null,
          name: s.Наименование ?? null,
        })),
    bin: data.bin ?? null,
  })),
);

/**
 * `user-data`, with the Cyrillic keys translated: `attorneys`, `carriers`, `subordinates` (the
 * subordinate legal entities' BIN and name) and the account's `bin`.
 */
export type AlStyleUserData = Readonly<v.InferOutput<typeof userDataSchema>>;

/** Whether an attorney's `ДатаОкончания` lies before `on`. Unknown expiry counts as valid. */
export function isAttorneyExpired(attorney: AlStyleAttorney, on: Date): boolean {
  const expires = parseAlStyleDate(attorney.ДатаОкончания);
  return (
    expires !== undefined &&
    expires.getTime() < Date.UTC(on.getUTCFullYear(), on.getUTCMonth(), on.getUTCDate())
  );
}

/**
 * The attorney to order with: the first main, non-empty one that has not expired on `on`, else
 * the first main, non-empty one. `undefined` when none is main.
 */
export function pickMainAttorney(
  userData: AlStyleUserData,
  on: Date = new Date(),
): AlStyleAttorney | undefined {
  const usable = userData.attorneys.filter((a) => a.Основной && a.empty !== true);
  return usable.find((a) => !isAttorneyExpired(a, on)) ?? usable[0];
}

/** The shipping method to order with: the first main one. */
export function pickMainCarrier(userData: AlStyleUserData): AlStyleCarrier | undefined {
  return userData.carriers.find((c) => c.Основной);
}
