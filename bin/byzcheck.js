#!/usr/bin/env node
// byzcheck ships TypeScript sources; tsx's loader runs them (and users' .ts replica modules) directly.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/entry.ts');
