// Replaced at build time by tsup and vitest (`define`) with the version from package.json.
declare const __KASPI_CLIENT_VERSION__: string | undefined;

/** Version sent in the default User-Agent (`0.0.0-dev` when run from source without a build). */
export const CLIENT_VERSION: string =
  typeof __KASPI_CLIENT_VERSION__ === 'string' ? __KASPI_CLIENT_VERSION__ : '0.0.0-dev';
