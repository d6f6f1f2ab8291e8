#!/usr/bin/env -S node --max-semi-space-size=64
// The flag gives V8 a young generation long runs need (src/campaign/gc-tuning.ts: SEMI_SPACE_MB).
// byzcheck ships TypeScript sources; tsx's loader runs them (and users' .ts replica modules) directly.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/entry.ts');
