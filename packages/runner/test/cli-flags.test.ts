import { describe, expect, it } from 'vitest';
import { wholeNumberFlag } from '../src/cli/shared.js';
import { ConfigError } from '../src/config/config-error.js';

describe('wholeNumberFlag', () => {
  const port = { min: 0, max: 65_535 };

  it('is undefined when the flag is absent and a number when it is valid', () => {
    expect(wholeNumberFlag('port', undefined, port)).toBeUndefined();
    expect(wholeNumberFlag('port', '8080', port)).toBe(8080);
    expect(wholeNumberFlag('port', '0', port)).toBe(0);
  });

  it.each(['abc', '', '80.5', '-1', '65536', '1e3', '0x50'])(
    'names the flag and the expected value for %j',
    (value) => {
      const error = (() => {
        try {
          wholeNumberFlag('port', value, port);
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues).toEqual([
        {
          key: '--port',
          message: `expected a whole number from 0 to 65535, got "${value}"`,
        },
      ]);
    },
  );
});
