import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logging/logger.js';
import { createProgressBar, formatDuration } from '../src/logging/progress.js';
import { redactSecrets } from '../src/logging/redact.js';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { stream, text: () => text };
}

describe('redaction', () => {
  it('removes tokens from URLs and headers even when the value is unknown', () => {
    expect(redactSecrets('GET https://api.al-style.kz/api/x?access-token=abc123&limit=1')).toBe(
      'GET https://api.al-style.kz/api/x?access-token=[REDACTED]&limit=1',
    );
    expect(redactSecrets('{"X-Auth-Token": "kaspi-secret"}')).toBe(
      '{"X-Auth-Token": "[REDACTED]"}',
    );
    expect(redactSecrets('Authorization: Basic dXNlcjpwYXNz')).toBe('Authorization: [REDACTED]');
    expect(redactSecrets('token is hunter22 here', ['hunter22'])).toBe('token is [REDACTED] here');
  });

  it('JSON logs carry no secret, in messages, fields or errors', () => {
    const out = capture();
    const logger = createLogger({ json: true, destination: out.stream, secrets: ['s3cr3t-token'] });
    logger.info(
      { token: 'abc', nested: { password: 'pw' }, url: 'http://x/?access-token=s3cr3t-token' },
      'calling http://x/?access-token=s3cr3t-token',
    );
    logger.error({ error: new Error('failed with s3cr3t-token') }, 'boom');
    const text = out.text();
    expect(text).not.toContain('s3cr3t-token');
    expect(text).not.toContain('"abc"');
    expect(text).not.toContain('"pw"');
    const lines = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({
      level: 30,
      token: '[REDACTED]',
      msg: 'calling http://x/?access-token=[REDACTED]',
    });
    expect(lines[1]).toMatchObject({ error: { message: 'failed with [REDACTED]' } });
  });

  it('writes readable lines when asked for text', () => {
    const out = capture();
    createLogger({ json: false, destination: out.stream }).info(
      { offers: 3 },
      'published 3 offers',
    );
    expect(out.text()).toMatch(/INFO.*published 3 offers/);
    expect(() => JSON.parse(out.text())).toThrow();
  });
});

describe('progress bar', () => {
  it('draws count, percent and ETA on a TTY only', () => {
    const out = capture();
    let now = 0;
    const tty = Object.assign(out.stream, { isTTY: true });
    const bar = createProgressBar('Reading', tty, () => now);
    now = 10_000;
    bar.update(250, 1000);
    bar.finish();
    expect(out.text()).toContain('250/1000 (25%) 10s ETA 30s');
    const plain = capture();
    createProgressBar('Reading', plain.stream).update(1, 2);
    expect(plain.text()).toBe('');
    expect(formatDuration(75)).toBe('1m15s');
  });
});
