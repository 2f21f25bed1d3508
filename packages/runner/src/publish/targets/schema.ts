import * as v from 'valibot';

/** Every message names the expected value; `load-config.ts` prefixes it with the key's path. */
const text = (what: string) =>
  v.pipe(v.string(`expected ${what} (a string)`), v.trim(), v.nonEmpty(`expected ${what}`));
const url = (what: string) => v.pipe(text(what), v.url(`expected ${what} (a URL)`));
const envName = (what: string, fallback: string) =>
  v.optional(
    v.pipe(
      text(`the name of the environment variable holding ${what}`),
      v.regex(/^[A-Z_][A-Z0-9_]*$/, `expected an environment variable name such as "${fallback}"`),
    ),
    fallback,
  );
const name = v.pipe(
  text('a target name'),
  v.regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'expected a short name of a-z, 0-9 and "-", such as "r2"'),
);
const remotePath = (what: string) =>
  v.pipe(
    text(what),
    v.check((p) => !p.split('/').includes('..'), 'expected a path without ".." segments'),
    v.check((p) => !p.endsWith('/'), 'expected a path that names a file, not a folder'),
  );
const timeoutMs = v.optional(
  v.pipe(
    v.number('expected a timeout in milliseconds (a number)'),
    v.integer('expected a whole number of milliseconds'),
    v.minValue(1000, 'expected a timeout of at least 1000 ms'),
    v.description('Time limit of one upload or read-back, in milliseconds.'),
  ),
  120_000,
);

const s3TargetSchema = v.strictObject({
  kind: v.pipe(
    v.literal('s3'),
    v.description('Publishes to S3-compatible object storage (AWS S3, Cloudflare R2, MinIO, …).'),
  ),
  name,
  /** The S3 API root: `https://s3.eu-central-1.amazonaws.com`, `https://<account>.r2.cloudflarestorage.com`, a MinIO URL. */
  endpoint: v.pipe(
    url('the S3 API endpoint'),
    v.description(
      'The S3 API root, such as `https://s3.eu-central-1.amazonaws.com` or `https://<account>.r2.cloudflarestorage.com`.',
    ),
  ),
  /** AWS region; `auto` for Cloudflare R2. */
  region: v.optional(
    v.pipe(
      text('a region such as "eu-central-1"'),
      v.description('Signing region; `auto` for Cloudflare R2.'),
    ),
    'us-east-1',
  ),
  bucket: v.pipe(
    text('a bucket name'),
    v.regex(/^[a-z0-9][a-z0-9.-]{1,62}$/, 'expected a bucket name of a-z, 0-9, "." and "-"'),
  ),
  /** Object key of the feed; keep the unguessable segment `init` wrote. */
  key: v.pipe(
    remotePath('an object key such as "k7Yq…/kaspi.xml"'),
    v.description('Object key of the feed; keep the random segment `init` wrote.'),
  ),
  /** `virtual-host` (`bucket.endpoint/key`, AWS default) or `path` (`endpoint/bucket/key`, MinIO). */
  style: v.optional(
    v.pipe(
      v.picklist(['virtual-host', 'path'], 'expected "virtual-host" or "path"'),
      v.description(
        '`virtual-host` (`bucket.endpoint/key`, AWS) or `path` (`endpoint/bucket/key`, MinIO).',
      ),
    ),
    'virtual-host',
  ),
  /** The URL Kaspi loads; default the object's URL at the endpoint (needs a public-read bucket). */
  publicUrl: v.optional(
    v.pipe(
      url('the public URL of the feed'),
      v.description(
        'The URL Kaspi loads; default the object URL at the endpoint (needs public read).',
      ),
    ),
  ),
  /** Sent as `x-amz-acl` when set; leave out for providers without ACLs (R2). */
  acl: v.optional(
    v.pipe(
      v.picklist(['public-read', 'private'], 'expected "public-read" or "private"'),
      v.description('Sent as `x-amz-acl` when set; leave out for providers without ACLs (R2).'),
    ),
  ),
  /** Sent as `Cache-Control` so a CDN in front of the bucket does not serve a stale feed. */
  cacheControl: v.optional(text('a Cache-Control value'), 'no-cache'),
  accessKeyIdEnv: envName('the access key id', 'S3_ACCESS_KEY_ID'),
  secretAccessKeyEnv: envName('the secret access key', 'S3_SECRET_ACCESS_KEY'),
  timeoutMs,
});

const gitTargetSchema = v.strictObject({
  kind: v.pipe(
    v.literal('git'),
    v.description(
      'Publishes to a branch of a Git repository (GitHub/GitLab Pages, a raw file URL).',
    ),
  ),
  name,
  /** Anything `git push` accepts: `git@github.com:me/feed.git`, an https URL, a path. */
  remote: v.pipe(
    text('a git remote URL'),
    v.description(
      'Anything `git push` accepts: `git@github.com:me/feed.git`, an https URL, a path.',
    ),
  ),
  /** The branch Pages (or raw file hosting) serves; created on the first publish. */
  branch: v.optional(
    v.pipe(
      text('a branch name'),
      v.regex(/^[A-Za-z0-9._/-]+$/, 'expected a branch name such as "gh-pages"'),
    ),
    'main',
  ),
  /** The feed's path inside the repository; keep the unguessable segment `init` wrote. */
  path: v.pipe(
    remotePath('a file path in the repository such as "k7Yq…/kaspi.xml"'),
    v.description('The feed file in the repository; keep the random segment `init` wrote.'),
  ),
  /** The URL Kaspi loads, such as the Pages or raw URL of `path` (required: git has no URL). */
  publicUrl: v.pipe(
    url('the public URL of the feed'),
    v.description(
      'The URL Kaspi loads, such as the Pages or raw URL of `path` (git has no URL of its own).',
    ),
  ),
  authorName: v.optional(text('a commit author name'), 'kaspi-connect'),
  authorEmail: v.optional(text('a commit author e-mail'), 'kaspi-connect@users.noreply.localhost'),
  /** For https remotes: an access token sent as basic auth (user `tokenUser`); ssh remotes use your keys. */
  tokenEnv: v.optional(
    v.pipe(
      text('the name of the environment variable holding the token'),
      v.regex(/^[A-Z_][A-Z0-9_]*$/, 'expected an environment variable name such as "GIT_TOKEN"'),
    ),
  ),
  /** GitHub: `x-access-token`; GitLab: `oauth2`. */
  tokenUser: v.optional(text('the token user name'), 'x-access-token'),
  /** Local clone used to commit; default `<feed.dir>/.targets/<name>`. */
  workDir: v.optional(
    v.pipe(
      text('a directory for the local clone'),
      v.description('The local clone; default `<feed.dir>/.targets/<name>`.'),
    ),
  ),
  timeoutMs,
});

const sftpTargetSchema = v.strictObject({
  kind: v.pipe(
    v.literal('sftp'),
    v.description('Publishes to a folder on an SFTP server behind a web server.'),
  ),
  name,
  host: text('an SFTP host name'),
  port: v.optional(
    v.pipe(
      v.number('expected a TCP port (a number)'),
      v.integer('expected a whole port number'),
      v.minValue(1, 'expected a port ≥ 1'),
      v.maxValue(65_535, 'expected a port ≤ 65535'),
    ),
    22,
  ),
  username: text('an SFTP user name'),
  /** Remote file path (relative to the login directory, or absolute). */
  path: v.pipe(
    remotePath('a remote file path such as "www/k7Yq…/kaspi.xml"'),
    v.description('Remote file, relative to the login folder or absolute.'),
  ),
  /** The URL Kaspi loads (the web server in front of the SFTP folder). */
  publicUrl: v.pipe(
    url('the public URL of the feed'),
    v.description('The URL Kaspi loads (the web server in front of the SFTP folder).'),
  ),
  passwordEnv: envName('the SFTP password', 'SFTP_PASSWORD'),
  /** A private key file (OpenSSH format); its passphrase, if any, from `passphraseEnv`. */
  privateKeyFile: v.optional(
    v.pipe(
      text('a private key file'),
      v.description('Private key file (OpenSSH format) instead of a password.'),
    ),
  ),
  passphraseEnv: envName('the private key passphrase', 'SFTP_KEY_PASSPHRASE'),
  /** The server's host key as `ssh-keygen -lf` prints it ("SHA256:…"); set it to refuse impostors. */
  hostKeySha256: v.optional(
    v.pipe(
      text('a host key fingerprint'),
      v.regex(/^SHA256:[A-Za-z0-9+/]{43}=?$/, 'expected a fingerprint such as "SHA256:abc…"'),
      v.description(
        'The server host key as `ssh-keygen -lf` prints it; any other server is refused.',
      ),
    ),
  ),
  timeoutMs,
});

/** One entry of `feed.targets`. */
export const targetSchema = v.variant(
  'kind',
  [s3TargetSchema, gitTargetSchema, sftpTargetSchema],
  'expected a target with kind "s3", "git" or "sftp"',
);

/** `feed.targets`: where else the feed is published, each with a unique name. */
export const targetsSchema = v.optional(
  v.pipe(
    v.array(targetSchema, 'expected a list of publish targets'),
    v.check(
      (list) => new Set(list.map((t) => t.name)).size === list.length,
      'expected a different name for each target',
    ),
  ),
  [],
);

/** A validated `feed.targets` entry. */
export type TargetConfig = v.InferOutput<typeof targetSchema>;
/** A validated S3 target. */
export type S3TargetConfig = v.InferOutput<typeof s3TargetSchema>;
/** A validated Git target. */
export type GitTargetConfig = v.InferOutput<typeof gitTargetSchema>;
/** A validated SFTP target. */
export type SftpTargetConfig = v.InferOutput<typeof sftpTargetSchema>;
