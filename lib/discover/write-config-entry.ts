/**
 * `discover --write`: adds a discovered API to the `apis` list of the config file, as source text
 * (the user's comments and layout stay as they are), and refuses when the API is already listed
 * (merging by hand is safer than rewriting an entry the user may have tuned).
 */
export interface ConfigEntry {
  readonly kind: 'REST' | 'HTTP';
  readonly id?: string;
  readonly name?: string;
}

export interface FileAccess {
  read(path: string): string;
  write(path: string, text: string): void;
}

export type WriteOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const APIS_OPENING = /^(\s*)apis:\s*\[\s*$/m;

const mentions = (text: string, value: string): boolean =>
  text.includes(`'${value}'`) || text.includes(`"${value}"`) || text.includes(`\`${value}\``);

export function addApiToConfigFile(
  path: string,
  entry: ConfigEntry,
  entrySource: string,
  files: FileAccess,
): WriteOutcome {
  let text: string;
  try {
    text = files.read(path);
  } catch (error) {
    return {
      ok: false,
      reason: `cannot read ${path} (${error instanceof Error ? error.message : String(error)}): paste the entry below by hand`,
    };
  }
  const key = entry.kind === 'HTTP' ? entry.id : entry.name;
  if ((key !== undefined && mentions(text, key)) || (entry.id !== undefined && mentions(text, entry.id))) {
    return {
      ok: false,
      reason: `${path} already lists this API (${key ?? entry.id}): update its stages, backendFunctions and accessLogGroups from the entry below`,
    };
  }
  const opening = APIS_OPENING.exec(text);
  if (opening === null) {
    return { ok: false, reason: `no "apis: [" line found in ${path}: paste the entry below into its apis list` };
  }
  const at = opening.index + opening[0].length;
  const indent = `${opening[1] ?? ''}  `;
  const source = entrySource
    .split('\n')
    .map((line) => line.replace(/^ {4}/, indent))
    .join('\n');
  files.write(path, `${text.slice(0, at)}\n${source}${text.slice(at)}`);
  return { ok: true };
}
