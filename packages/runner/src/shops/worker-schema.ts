import * as v from 'valibot';

const seconds = (what: string, min: number) =>
  v.pipe(
    v.number(`expected ${what} in seconds (a number)`),
    v.minValue(min, `expected ${what} of at least ${min} s`),
  );
const described = <T extends v.GenericSchema>(schema: T, text: string) =>
  v.pipe(schema, v.description(text));

/**
 * `worker`: how `kaspi-connect worker` takes jobs from the PostgreSQL queue (pg-boss). The
 * defaults suit the real supplier (5.5 s per request, shared by every shop on one token).
 */
export const workerSchema = v.optional(
  described(
    v.strictObject({
      concurrency: v.optional(
        described(
          v.pipe(
            v.number('expected a number of job handlers'),
            v.integer('expected a whole number of job handlers'),
            v.minValue(1, 'expected at least 1 job handler'),
            v.maxValue(64, 'expected at most 64 job handlers per process'),
          ),
          'Jobs this process runs at once (`--concurrency` wins). Shops on one supplier token wait for each other anyway.',
        ),
        2,
      ),
      jobTimeoutSeconds: v.optional(
        described(
          v.strictObject({
            fullSync: v.optional(seconds('a full sync timeout', 5), 3600),
            refresh: v.optional(seconds('a refresh timeout', 5), 900),
            orders: v.optional(seconds('an order cycle timeout', 5), 900),
          }),
          "How long a job may run before it counts as lost and another worker retries it (pg-boss expiration): a killed worker's job waits this long, plus `superviseEverySeconds`. Longer than the slowest normal run, supplier waits included.",
        ),
        {},
      ),
      retryLimit: v.optional(
        described(
          v.pipe(
            v.number('expected a retry count'),
            v.integer('expected a whole number'),
            v.minValue(0, 'expected ≥ 0'),
          ),
          'Retries of a failed or lost job before it stays failed (pg-boss state `failed`, kept for inspection).',
        ),
        5,
      ),
      retryDelaySeconds: v.optional(
        described(seconds('a retry delay', 0), 'Wait before the first retry; doubled at each one.'),
        30,
      ),
      superviseEverySeconds: v.optional(
        described(
          seconds('a supervision interval', 1),
          'How often one of the workers looks for lost (expired) jobs.',
        ),
        60,
      ),
      pollEverySeconds: v.optional(
        described(seconds('a polling interval', 0.5), 'How often an idle handler asks for a job.'),
        2,
      ),
    }),
    'How `kaspi-connect worker` takes jobs from the PostgreSQL queue.',
  ),
  {},
);

/** The validated `worker` section. */
export type WorkerConfig = v.InferOutput<typeof workerSchema>;
