/** Version sent in the default User-Agent. */
export const CLIENT_VERSION = '0.1.0';
