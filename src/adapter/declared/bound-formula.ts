/**
 * The small arithmetic language of a target.json's bounds (`"livenessBoundMs": "2000 + (f + 1) * 800"`):
 * numbers, `+ - * /`, parentheses, unary minus, `min(…)` / `max(…)` and named variables. Parsed
 * once into a closure by recursive descent — never `eval`, so a target file cannot run code.
 */

/** A parsed formula: evaluates to a number for given variable values. */
export type Formula = (vars: Readonly<Record<string, number>>) => number;

/** A formula that does not parse or names an unknown variable; the message says where. */
export class FormulaError extends Error {
  override readonly name = 'FormulaError';
}

type Token = { readonly kind: 'num'; readonly value: number; readonly at: number } | { readonly kind: 'name' | 'op'; readonly text: string; readonly at: number };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?(?:e[+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/(),]))/y;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const from = TOKEN.lastIndex;
    const m = TOKEN.exec(source);
    if (m === null) {
      const bad = from + (source.slice(from).length - source.slice(from).trimStart().length);
      throw new FormulaError(`unexpected character ${JSON.stringify(source[bad])} at ${bad + 1} in "${source}"`);
    }
    const at = TOKEN.lastIndex - (m[1] ?? m[2] ?? m[3] ?? '').length;
    if (m[1] !== undefined) tokens.push({ kind: 'num', value: Number(m[1]), at });
    else if (m[2] !== undefined) tokens.push({ kind: 'name', text: m[2], at });
    else tokens.push({ kind: 'op', text: m[3] ?? '', at });
  }
  return tokens;
}

const FUNCTIONS: Readonly<Record<string, (args: number[]) => number>> = { min: (a) => Math.min(...a), max: (a) => Math.max(...a) };

/** Recursive descent over expr := term (± term)*, term := unary (*|/ unary)*, unary := -unary | atom. */
class Parser {
  private i = 0;
  constructor(private readonly source: string, private readonly tokens: readonly Token[], private readonly variables: ReadonlySet<string>) {}

  parse(): Formula {
    if (this.tokens.length === 0) throw new FormulaError('empty formula');
    const f = this.expr();
    const rest = this.tokens[this.i];
    if (rest !== undefined) throw this.error(rest, 'unexpected');
    return f;
  }

  private error(t: Token | undefined, what: string, hint = ''): FormulaError {
    if (t === undefined) return new FormulaError(`formula "${this.source}" ends too early${what.startsWith('expected') ? ` (${what.replace(/, found$/, '')})` : ''}`);
    const text = t.kind === 'num' ? String(t.value) : t.text;
    return new FormulaError(`${what} '${text}' at ${t.at + 1} in "${this.source}"${hint}`);
  }

  private peekOp(...ops: string[]): string | undefined {
    const t = this.tokens[this.i];
    return t !== undefined && t.kind === 'op' && ops.includes(t.text) ? t.text : undefined;
  }

  private expect(op: string): void {
    const t = this.tokens[this.i];
    if (t === undefined || t.kind !== 'op' || t.text !== op) throw this.error(t, `expected '${op}', found`);
    this.i++;
  }

  private expr(): Formula {
    let left = this.term();
    for (let op = this.peekOp('+', '-'); op !== undefined; op = this.peekOp('+', '-')) {
      this.i++;
      const l = left;
      const r = this.term();
      left = op === '+' ? (v) => l(v) + r(v) : (v) => l(v) - r(v);
    }
    return left;
  }

  private term(): Formula {
    let left = this.unary();
    for (let op = this.peekOp('*', '/'); op !== undefined; op = this.peekOp('*', '/')) {
      this.i++;
      const l = left;
      const r = this.unary();
      left = op === '*' ? (v) => l(v) * r(v) : (v) => l(v) / r(v);
    }
    return left;
  }

  private unary(): Formula {
    if (this.peekOp('-') !== undefined) {
      this.i++;
      const inner = this.unary();
      return (v) => -inner(v);
    }
    return this.atom();
  }

  private atom(): Formula {
    const t = this.tokens[this.i++];
    if (t === undefined) throw this.error(t, '');
    if (t.kind === 'num') return () => t.value;
    if (t.kind === 'op') {
      if (t.text !== '(') throw this.error(t, 'unexpected');
      const inner = this.expr();
      this.expect(')');
      return inner;
    }
    const fn = Object.hasOwn(FUNCTIONS, t.text) ? FUNCTIONS[t.text] : undefined;
    if (fn !== undefined) return this.call(fn);
    if (!this.variables.has(t.text)) throw this.error(t, 'unknown name', ` (known: ${[...this.variables, ...Object.keys(FUNCTIONS)].join(', ')})`);
    const name = t.text;
    return (v) => v[name] ?? NaN;
  }

  private call(fn: (args: number[]) => number): Formula {
    this.expect('(');
    const args = [this.expr()];
    while (this.peekOp(',') !== undefined) {
      this.i++;
      args.push(this.expr());
    }
    this.expect(')');
    return (v) => fn(args.map((a) => a(v)));
  }
}

/** Parses a bound formula over the given variable names; throws {@link FormulaError} naming the problem. */
export function parseFormula(source: string, variables: readonly string[]): Formula {
  return new Parser(source, tokenize(source), new Set(variables)).parse();
}

/** A bound as target.json gives it (a number, or a formula), as a function of its variables. */
export function boundFunction(bound: number | string, variables: readonly string[]): Formula {
  return typeof bound === 'number' ? () => bound : parseFormula(bound, variables);
}
