import { BUILTIN_REGISTRY } from '../builtins.js';
import { listTargets, loadTarget } from '../targets.js';

/** The first line of a description, so every entry stays on one line of the listing. */
function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? '';
}

/** A built-in target's description; a target that cannot load says why instead of hiding the others. */
async function targetDescription(name: string): Promise<string> {
  try {
    return firstLine((await loadTarget(name)).description);
  } catch (error) {
    return `(cannot load: ${firstLine(error instanceof Error ? error.message : String(error))})`;
  }
}

/** Lines `name  description`, names padded to one column. */
function section(heading: string, entries: readonly (readonly [string, string])[]): string {
  const width = Math.max(0, ...entries.map(([name]) => name.length));
  return [`${heading}:`, ...entries.map(([name, description]) => `  ${name.padEnd(width)}  ${description}`.trimEnd())].join('\n');
}

/** `byzcheck list`: targets, adversaries and properties under a heading each, one entry a line with its one-line description. */
export async function listCommand(): Promise<number> {
  const targets = await Promise.all(listTargets().map(async (name) => [name, await targetDescription(name)] as const));
  const sections = [
    section('targets', targets),
    section('adversaries', [...BUILTIN_REGISTRY.adversaries.values()].map((a) => [a.name, firstLine(a.description)] as const)),
    section('properties', BUILTIN_REGISTRY.properties.map((p) => [p.name, firstLine(p.description)] as const)),
  ];
  console.log(sections.join('\n\n'));
  return 0;
}
