import { defineCommand } from 'citty';
import { openRuntime } from '../../commands/runtime.js';
import { readSkipped, readStatus } from '../../commands/status.js';
import { ExitCode } from '../../exit-codes.js';
import { formatLiveness } from '../../liveness/status-section.js';
import { statFeed } from '../../publish/feed-publisher.js';
import {
  formatTargetStatus,
  readTargetStatus,
  targetAttention,
} from '../../publish/targets/status.js';
import { formatSkipped, formatStatus } from '../format/status.js';
import {
  type CommonFlags,
  commonArgs,
  guarded,
  loadConfigFor,
  wholeNumberFlag,
} from '../shared.js';

/** Flags of `kaspi-connect status`. */
interface StatusFlags extends CommonFlags {
  readonly runs?: string | undefined;
  readonly skipped?: boolean | undefined;
  readonly reason?: string | undefined;
}

/**
 * `kaspi-connect status`: the database is opened read-only, and an unusable one is reported
 * next to what the feed file on disk shows instead of stopping the command.
 */
async function showStatus(flags: StatusFlags): Promise<number> {
  const resolved = await loadConfigFor(flags);
  const runtime = openRuntime(resolved, { readOnlyState: true });
  const json = flags.json === true || !process.stdout.isTTY;
  try {
    const file = await statFeed(runtime.publisher.currentPath);
    const live = {
      path: runtime.publisher.currentPath,
      bytes: file?.bytes,
      modifiedAt: file?.mtime,
    };
    if (runtime.stateError !== undefined) {
      const report = { stateError: runtime.stateError.message, liveFile: live };
      process.stdout.write(
        json
          ? `${JSON.stringify(report, null, 2)}\n`
          : `Database unusable: ${runtime.stateError.message}\nLive feed file: ${file === undefined ? 'missing' : `${file.bytes} bytes`} → ${live.path}\n`,
      );
      return ExitCode.Failure;
    }
    if (flags.skipped === true) {
      const skipped = readSkipped(runtime.store, flags.reason);
      process.stdout.write(
        json ? `${JSON.stringify(skipped, null, 2)}\n` : `${formatSkipped(skipped).join('\n')}\n`,
      );
      return ExitCode.Ok;
    }
    const report = readStatus(
      runtime.store,
      wholeNumberFlag('runs', flags.runs, { min: 1, max: 10_000 }) ?? 10,
      { schedule: resolved.config.schedule, notify: resolved.config.notify },
    );
    const targets = readTargetStatus(runtime.store, resolved.config.feed.targets);
    report.attention.push(...targetAttention(targets));
    process.stdout.write(
      json
        ? `${JSON.stringify({ ...report, liveFile: live, targets }, null, 2)}\n`
        : `${formatStatus(report, resolved.config.schedule.timezone, live).join('\n')}\n${formatTargetStatus(targets, resolved.config.schedule.timezone)}${formatLiveness(report.liveness)}`,
    );
    return report.attention.length > 0 && report.recentRuns[0]?.status === 'refused'
      ? ExitCode.Refused
      : ExitCode.Ok;
  } finally {
    runtime.close();
  }
}

/** `kaspi-connect status`. */
export const statusCommand = defineCommand({
  meta: {
    name: 'status',
    description: 'Show the live feed, recent runs and anything that needs a person',
  },
  args: {
    ...commonArgs,
    runs: { type: 'string', description: 'How many runs to list (default 10)' },
    skipped: { type: 'boolean', description: 'List the products the last sync skipped' },
    reason: { type: 'string', description: 'With --skipped: only this reason, e.g. no-price' },
  },
  run: ({ args }) => guarded(() => showStatus(args)),
});
