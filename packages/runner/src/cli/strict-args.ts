import type { ArgsDef } from 'citty';
import leven from 'leven';

/** A command line that does not match a command's declared arguments. */
export interface UsageProblem {
  readonly message: string;
}

/** The closest of `candidates` to `input`, when it is close enough to be a likely typo. */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = leven(input.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.max(2, Math.floor(input.length / 3));
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

/**
 * Checks raw arguments against a command's declared `args`: those are the only flags allowed
 * (plus `--help`), so a typo such as `--dryrun` stops the command instead of being ignored and
 * publishing for real. Each command's own declaration is the allowed set, so a flag added to
 * a command is allowed without touching this file.
 */
export function checkArgs(args: ArgsDef, rawArgs: readonly string[]): UsageProblem | undefined {
  const flags = new Map<string, ArgsDef[string]>();
  const positionals = Object.entries(args).filter(([, def]) => def.type === 'positional');
  for (const [name, def] of Object.entries(args)) {
    if (def.type === 'positional') continue;
    flags.set(name, def);
    const alias = 'alias' in def ? def.alias : undefined;
    for (const a of alias === undefined ? [] : Array.isArray(alias) ? alias : [alias]) {
      flags.set(a, def);
    }
  }
  const known = [...flags.keys()].filter((name) => name.length > 1);
  let given = 0;
  for (let index = 0; index < rawArgs.length; index++) {
    const token = rawArgs[index] as string;
    if (token === '--') {
      given += rawArgs.length - index - 1;
      break;
    }
    if (token === '--help' || token === '-h') continue;
    if (!token.startsWith('-') || token === '-') {
      given++;
      continue;
    }
    const body = token.replace(/^--?/, '');
    const equals = body.indexOf('=');
    const name = equals === -1 ? body : body.slice(0, equals);
    const negated = name.startsWith('no-') ? flags.get(name.slice(3)) : undefined;
    const def = flags.get(name) ?? (negated?.type === 'boolean' ? negated : undefined);
    if (def === undefined) {
      const guess = didYouMean(name, known);
      return {
        message: `unknown flag ${token}${guess === undefined ? '' : `. Did you mean --${guess}?`}`,
      };
    }
    if (def.type === 'string' || def.type === 'enum') {
      if (equals !== -1) continue;
      const value = rawArgs[index + 1];
      if (value === undefined || value.startsWith('--')) {
        return { message: `${token} needs a value` };
      }
      index++;
    } else if (equals !== -1 && !['true', 'false'].includes(body.slice(equals + 1))) {
      return { message: `${token}: --${name} is a switch and takes no value` };
    }
  }
  if (given > positionals.length) {
    return {
      message:
        positionals.length === 0
          ? 'this command takes no arguments'
          : `expected at most ${positionals.length} argument(s) (${positionals.map(([n]) => n).join(', ')})`,
    };
  }
  const missing = positionals.slice(given).find(([, def]) => def.required === true);
  if (missing !== undefined) return { message: `missing the ${missing[0]} argument` };
  return undefined;
}
