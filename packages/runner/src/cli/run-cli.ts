import { stripVTControlCharacters } from 'node:util';
import { type ArgsDef, type CommandDef, renderUsage, runCommand } from 'citty';
import { ExitCode } from '../exit-codes.js';
import { VERSION } from '../version.js';
import { mainCommand } from './main-command.js';
import { checkArgs, didYouMean } from './strict-args.js';

/** Where `runCli` writes; the process streams by default (tests pass their own). */
export interface CliStreams {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

type AnyCommand = CommandDef<ArgsDef>;

/**
 * Runs `kaspi-connect` with strict arguments and returns the exit code (only `cli.ts` exits).
 * An unknown command or flag, a missing value or argument: exit 2 with a "did you mean".
 * Usage text has colours only on a terminal.
 */
export async function runCli(
  rawArgs: readonly string[],
  streams: CliStreams = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const subCommands = mainCommand.subCommands as Record<string, AnyCommand>;
  const names = Object.keys(subCommands);
  const first = rawArgs[0];
  if (first === undefined) {
    await printUsage(mainCommand as AnyCommand, undefined, streams.stderr);
    return ExitCode.Config;
  }
  if (first === '--help' || first === '-h') {
    await printUsage(mainCommand as AnyCommand, undefined, streams.stdout);
    return ExitCode.Ok;
  }
  if (first === '--version' || first === '-v') {
    streams.stdout.write(`${VERSION}\n`);
    return ExitCode.Ok;
  }
  const command = subCommands[first];
  if (command === undefined) {
    const guess = first.startsWith('-') ? undefined : didYouMean(first, names);
    streams.stderr.write(
      `kaspi-connect: unknown ${first.startsWith('-') ? 'flag' : 'command'} "${first}".${guess === undefined ? '' : ` Did you mean "${guess}"?`} Commands: ${names.join(', ')}; "kaspi-connect --help" explains them.\n`,
    );
    return ExitCode.Config;
  }
  // A command group (`cards submit`): descend to the sub-command, whose args are the allowed set.
  let leaf = command;
  let parent = mainCommand as AnyCommand;
  let path = first;
  let rest = rawArgs.slice(1);
  while (leaf.subCommands !== undefined) {
    const group = leaf.subCommands as Record<string, AnyCommand>;
    const next = rest[0];
    if (next === undefined || next.startsWith('-')) break;
    const sub = group[next];
    if (sub === undefined) {
      const guess = didYouMean(next, Object.keys(group));
      streams.stderr.write(
        `kaspi-connect ${path}: unknown command "${next}".${guess === undefined ? '' : ` Did you mean "${guess}"?`} Commands: ${Object.keys(group).join(', ')}.\n`,
      );
      return ExitCode.Config;
    }
    parent = leaf;
    leaf = sub;
    path = `${path} ${next}`;
    rest = rest.slice(1);
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    await printUsage(leaf, parent, streams.stdout);
    return ExitCode.Ok;
  }
  if (leaf.run === undefined) {
    // A group named without its sub-command: say which ones exist.
    await printUsage(leaf, parent, streams.stderr);
    return ExitCode.Config;
  }
  const problem = checkArgs((leaf.args ?? {}) as ArgsDef, rest);
  if (problem !== undefined) {
    streams.stderr.write(
      `kaspi-connect ${path}: ${problem.message} ("kaspi-connect ${path} --help" lists the options)\n`,
    );
    return ExitCode.Config;
  }
  process.exitCode = undefined;
  await runCommand(leaf, { rawArgs: [...rest] });
  return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.Ok;
}

async function printUsage(
  command: AnyCommand,
  parent: AnyCommand | undefined,
  stream: CliStreams['stdout'],
): Promise<void> {
  const usage = await renderUsage(command, parent);
  const colour = stream.isTTY === true && process.env.NO_COLOR === undefined;
  stream.write(`${colour ? usage : stripVTControlCharacters(usage)}\n`);
}
