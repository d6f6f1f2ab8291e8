import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/cli/errors.js';
import { selectAdversaries } from '../src/cli/selection.js';

// `--adversary none,crash` (a user narrowing a timeliness campaign to honest runs and crashes)
// used to fail with "unknown adversary 'none'", though the help offers 'none'.
describe('--adversary none mixed with strategies', () => {
  it('is refused with a message saying none stands alone, naming the strategies to keep', () => {
    expect(() => selectAdversaries(['none', 'crash'])).toThrow(UsageError);
    expect(() => selectAdversaries(['none', 'crash'])).toThrow(/'none' \(every replica honest\) cannot be mixed with strategies: use --adversary none alone, or list only strategies \(--adversary crash\)/);
  });

  it('still names a really unknown strategy as unknown', () => {
    expect(() => selectAdversaries(['crash', 'nonesuch'])).toThrow(/unknown adversary 'nonesuch'/);
    expect(selectAdversaries(['crash']).map((a) => a.name)).toEqual(['crash']);
  });
});
