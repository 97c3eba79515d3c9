/** Parsed command line: positional arguments and `--name value` / `--flag` options. */
export interface Args {
  positional: string[];
  options: Record<string, string | true>;
}

/** Parses `argv` (without node and script). `--a=b` and `--a b` are both accepted. */
export function parseArgs(argv: readonly string[], flags: readonly string[] = []): Args {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) options[a.slice(2, eq)] = a.slice(eq + 1);
      else if (flags.includes(a.slice(2)) || i + 1 >= argv.length || argv[i + 1]!.startsWith('--'))
        options[a.slice(2)] = true;
      else options[a.slice(2)] = argv[++i]!;
    } else positional.push(a);
  }
  return { positional, options };
}

/** A string option, or the default. Throws a French message when a value is missing. */
export function stringOption(args: Args, name: string, fallback: string): string {
  const v = args.options[name];
  if (v === undefined) return fallback;
  if (v === true) throw new Error(`l'option --${name} attend une valeur`);
  return v;
}
