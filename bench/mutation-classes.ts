/** How a surviving mutant is judged. */
export interface MutantClass {
  /** `equivalent`: no behaviour a harness can observe changes; `weakness`: byzcheck should kill it. */
  readonly kind: 'equivalent' | 'weakness' | 'unclassified';
  /** One line: why, and for a weakness the adversary or property that should catch it. */
  readonly why: string;
}

/** What the classifier reads of a survivor. */
export interface MutantInfo {
  readonly file: string;
  readonly method: string;
  readonly mutator: string;
  readonly original: string;
  readonly replacement: string;
}

/** Classifies a surviving mutant by the rules below (first match wins). */
export function classify(m: MutantInfo): MutantClass {
  for (const rule of RULES) if (rule.when(m)) return rule.verdict;
  return { kind: 'unclassified', why: 'not yet reviewed' };
}

const RULES: readonly { when: (m: MutantInfo) => boolean; verdict: MutantClass }[] = [];
