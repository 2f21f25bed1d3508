/** One problem in the config: the dotted key and what was expected there. */
export interface ConfigIssue {
  readonly key: string;
  readonly message: string;
}

/** The config is missing, unreadable or invalid; `message` lists every issue with its key. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly file: string | undefined;
  readonly issues: readonly ConfigIssue[];

  constructor(file: string | undefined, issues: readonly ConfigIssue[], options?: ErrorOptions) {
    const where = file === undefined ? 'config' : file;
    super(
      `Invalid ${where}:\n${issues.map((issue) => `  - ${issue.key}: ${issue.message}`).join('\n')}`,
      options,
    );
    this.file = file;
    this.issues = issues;
  }
}
