// Worker threads start without the parent's loader: register tsx here, then load the TypeScript worker.
// Only byzcheck running from its sources starts this; compiled byzcheck starts worker.js directly.
// Both module systems: a user's .ts module outside a "type": "module" package is CommonJS to tsx.
import { register as registerEsm } from 'tsx/esm/api';
import { register as registerCjs } from 'tsx/cjs/api';

registerEsm();
registerCjs();
await import('./worker.ts');
