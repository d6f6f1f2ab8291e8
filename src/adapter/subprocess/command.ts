/**
 * Turns a command given as one string into argv the way a POSIX shell would for quoting only:
 * whitespace separates words; single quotes keep everything literally; double quotes keep
 * everything but `\"` and `\\`; a backslash outside quotes escapes the next character. No shell
 * runs: variables, globs, pipes, redirections and `&&` are refused so that the replica is
 * byzcheck's direct child (and is killed exactly); wrap such commands in a script.
 */

/** A command string byzcheck cannot split: names what is wrong. */
export class CommandSyntaxError extends Error {
  override readonly name = 'CommandSyntaxError';
}

const OPERATORS = new Set(['|', '&', ';', '<', '>', '(', ')', '`', '$', '*', '?', '\n']);

/** Splits `command` into words (see the module comment); throws {@link CommandSyntaxError}. */
export function splitCommand(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < command.length; i++) {
    const c = command[i] as string;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && (command[i + 1] === '"' || command[i + 1] === '\\')) word += command[++i];
      else if (c === '$' || c === '`') throw new CommandSyntaxError(`'${c}' inside double quotes needs a shell; byzcheck runs no shell: use single quotes or a script`);
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= command.length) throw new CommandSyntaxError('command ends with a lone backslash');
      word += command[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (OPERATORS.has(c)) {
      throw new CommandSyntaxError(`'${c}' at position ${i} needs a shell; byzcheck runs the command without one: quote it, or put the command in a script`);
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote !== null) throw new CommandSyntaxError(`unterminated ${quote} quote in command`);
  if (inWord) words.push(word);
  if (words.length === 0) throw new CommandSyntaxError('empty command');
  return words;
}
