/** Process exit codes of `kaspi-connect`; scripts and monitoring can branch on them. */
export const ExitCode = {
  /** Done: published, unchanged, dry run, or the command succeeded. */
  Ok: 0,
  /** An unexpected error (a bug or the environment). */
  Failure: 1,
  /** Bad usage or an invalid/missing config or secret. */
  Config: 2,
  /** A safety guard refused to publish; the previous feed stays live. */
  Refused: 3,
  /** The feed (or a file given to `validate`) breaks Kaspi's rules. */
  Invalid: 4,
  /** The supplier could not be read (network, auth, rate limit, bad data). */
  Supplier: 5,
  /** Another kaspi-connect process holds the state's lease (it names the holder); `--wait` waits. */
  Busy: 6,
  /** The state database is new while a published feed exists: pass `--fresh-state` to rebuild. */
  StateLost: 7,
  /** Stopped by SIGINT/SIGTERM. */
  Interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
