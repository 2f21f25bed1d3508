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
    v.check((p) => !p.split('/').includes('..'), `expected ${what} without ".." segments`),
    v.check((p) => !p.endsWith('/'), `expected ${what} that names a file, not a folder`),
  );
const timeoutMs = v.optional(
  v.pipe(
    v.number('expected a timeout in milliseconds (a number)'),
    v.integer('expected a whole number of milliseconds'),
    v.minValue(1000, 'expected a timeout of at least 1000 ms'),
  ),
  120_000,
);

const s3TargetSchema = v.strictObject({
  kind: v.literal('s3'),
  name,
  /** The S3 API root: `https://s3.eu-central-1.amazonaws.com`, `https://<account>.r2.cloudflarestorage.com`, a MinIO URL. */
  endpoint: url('the S3 API endpoint'),
  /** AWS region; `auto` for Cloudflare R2. */
  region: v.optional(text('a region such as "eu-central-1"'), 'us-east-1'),
  bucket: v.pipe(
    text('a bucket name'),
    v.regex(/^[a-z0-9][a-z0-9.-]{1,62}$/, 'expected a bucket name of a-z, 0-9, "." and "-"'),
  ),
  /** Object key of the feed; keep the unguessable segment `init` wrote. */
  key: remotePath('an object key such as "k7Yq…/kaspi.xml"'),
  /** `virtual-host` (`bucket.endpoint/key`, AWS default) or `path` (`endpoint/bucket/key`, MinIO). */
  style: v.optional(
    v.picklist(['virtual-host', 'path'], 'expected "virtual-host" or "path"'),
    'virtual-host',
  ),
  /** The URL Kaspi loads; default the object's URL at the endpoint (needs a public-read bucket). */
  publicUrl: v.optional(url('the public URL of the feed')),
  /** Sent as `x-amz-acl` when set; leave out for providers without ACLs (R2). */
  acl: v.optional(v.picklist(['public-read', 'private'], 'expected "public-read" or "private"')),
  /** Sent as `Cache-Control` so a CDN in front of the bucket does not serve a stale feed. */
  cacheControl: v.optional(text('a Cache-Control value'), 'no-cache'),
  accessKeyIdEnv: envName('the access key id', 'S3_ACCESS_KEY_ID'),
  secretAccessKeyEnv: envName('the secret access key', 'S3_SECRET_ACCESS_KEY'),
  timeoutMs,
});

const gitTargetSchema = v.strictObject({
  kind: v.literal('git'),
  name,
  /** Anything `git push` accepts: `git@github.com:me/feed.git`, an https URL, a path. */
  remote: text('a git remote URL'),
  /** The branch Pages (or raw file hosting) serves; created on the first publish. */
  branch: v.optional(
    v.pipe(
      text('a branch name'),
      v.regex(/^[A-Za-z0-9._/-]+$/, 'expected a branch name such as "gh-pages"'),
    ),
    'main',
  ),
  /** The feed's path inside the repository; keep the unguessable segment `init` wrote. */
  path: remotePath('a file path in the repository such as "k7Yq…/kaspi.xml"'),
  /** The URL Kaspi loads, such as the Pages or raw URL of `path` (required: git has no URL). */
  publicUrl: url('the public URL of the feed'),
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
  workDir: v.optional(text('a directory for the local clone')),
  timeoutMs,
});

const sftpTargetSchema = v.strictObject({
  kind: v.literal('sftp'),
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
  path: remotePath('a remote file path such as "www/k7Yq…/kaspi.xml"'),
  /** The URL Kaspi loads (the web server in front of the SFTP folder). */
  publicUrl: url('the public URL of the feed'),
  passwordEnv: envName('the SFTP password', 'SFTP_PASSWORD'),
  /** A private key file (OpenSSH format); its passphrase, if any, from `passphraseEnv`. */
  privateKeyFile: v.optional(text('a private key file')),
  passphraseEnv: envName('the private key passphrase', 'SFTP_KEY_PASSPHRASE'),
  /** The server's host key as `ssh-keygen -lf` prints it ("SHA256:…"); set it to refuse impostors. */
  hostKeySha256: v.optional(
    v.pipe(
      text('a host key fingerprint'),
      v.regex(/^SHA256:[A-Za-z0-9+/]{43}=?$/, 'expected a fingerprint such as "SHA256:abc…"'),
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
      'expected every target to have its own name',
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
