import type { Fault } from '@kaspi-connect/sim-kit';

const EVERY_UPLOAD = { method: 'PUT', times: Number.POSITIVE_INFINITY } as const;

/**
 * What a proxy in front of S3 does to uploads (PUT), until cleared; reads pass through.
 * `refuse` answers 503 SlowDown; `drop` cuts the connection before anything reaches the server
 * (real S3 never stores a cut upload, but s3rver writes in place and would keep a torn object);
 * `blackhole` answers 200 without storing anything.
 */
export const UPLOAD_FAULTS = {
  refuse: {
    kind: 'status',
    status: 503,
    contentType: 'application/xml',
    body: '<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>',
    ...EVERY_UPLOAD,
  },
  drop: { kind: 'drop', ...EVERY_UPLOAD },
  blackhole: { kind: 'status', status: 200, body: '', ...EVERY_UPLOAD },
} as const satisfies Record<string, Fault>;

/** Names of {@link UPLOAD_FAULTS}. */
export type UploadFault = keyof typeof UPLOAD_FAULTS;
