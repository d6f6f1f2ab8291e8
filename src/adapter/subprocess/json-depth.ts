/**
 * How deep a child's line may nest. JSON.parse takes any depth, but what the harness does with a
 * payload next recurses — JSON.stringify to forward it to another child, the trace's text, signed-item
 * discovery — and overflows the stack somewhere past a few thousand levels, in the receiver's step,
 * so the receiver was blamed. Far above any message a protocol sends (the deepest malformed payload
 * a faulty replica is given is 200 levels), far below the stack.
 */
export const MAX_JSON_DEPTH = 1000;

/** The nesting depth of JSON `text` if it exceeds `max`, else undefined; strings are skipped, so brackets inside them do not count. */
export function jsonDepthOver(text: string, max: number = MAX_JSON_DEPTH): number | undefined {
  // Each level takes two characters at least: a shorter line cannot be too deep, and most lines are short.
  if (text.length <= 2 * max) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}
