/** Irregular plurals of the nouns byzcheck counts in its output. */
const IRREGULAR: Readonly<Record<string, string>> = Object.freeze({ delivery: 'deliveries' });

/** The noun in the number `count` asks for: "run" for 1, "runs" otherwise. */
export function noun(count: number, singular: string): string {
  return count === 1 ? singular : (IRREGULAR[singular] ?? `${singular}s`);
}

/** `count` and the noun in the right number: "1 run", "2 runs", "1 delivery", "3 deliveries". */
export function plural(count: number, singular: string): string {
  return `${count} ${noun(count, singular)}`;
}
