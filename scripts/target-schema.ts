// `npm run schema`: regenerates schemas/target.schema.json from the zod schema of a target.json
// (src/adapter/declared/target-file.ts); test/target-json-schema.spec.ts fails when they differ.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { targetJsonSchema } from '../src/adapter/declared/target-file.js';

writeFileSync(join(import.meta.dirname, '..', 'schemas', 'target.schema.json'), `${JSON.stringify(targetJsonSchema(), null, 2)}\n`);
