/**
 * The shape of a `target.json`: a replica in any language declared as data — its command, bounds,
 * cluster sizes, client and limits, and a declarative codec. The zod schema is the single source:
 * the loader validates with it and `schemas/target.schema.json` (for editors) is generated from it.
 */
import { z } from 'zod';
import { isPathText } from './json-path.js';
import { parseFormula } from './bound-formula.js';

/** Variables a liveness bound formula may use. */
export const LIVENESS_VARIABLES = ['n', 'f'] as const;
/** Variables a timeliness bound formula may use. */
export const TIMELINESS_VARIABLES = ['n', 'f', 'clients', 'delayMsMax'] as const;

const jsonPath = z
  .string()
  .refine(isPathText, { message: 'not a JSON path: dot-separated keys, list indices or * (e.g. "content.view", "votes.*")' })
  .describe('A JSON path into the payload: dot-separated keys, numeric list indices, * for every element of a list');

const formula = (variables: readonly string[]) =>
  z.union([
    z.number().nonnegative(),
    z.string().superRefine((text, ctx) => {
      try {
        parseFormula(text, variables);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
      }
    }),
  ]);

const fieldPaths = z
  .object({
    type: jsonPath.optional().describe('Path of the message type, e.g. "type"'),
    view: jsonPath.optional().describe('Path of the view number'),
    seq: jsonPath.optional().describe('Path of the sequence number (height)'),
    digest: jsonPath.optional().describe('Path of the proposal digest'),
    sender: jsonPath.optional().describe('Path of the claimed sender'),
  })
  .strict();

const signing = {
  signature: jsonPath.describe('Path of the signature, relative to the signed object'),
  signed: jsonPath
    .optional()
    .describe('Path (relative to the signed object) of what the signature covers: a string as it is, anything else as canonical JSON (keys sorted, no spaces); default: the whole object without its signature'),
  signer: jsonPath.optional().describe('Path (relative to the signed object) of the signer; default: the sender field'),
};

const signedItem = z
  .object({
    path: jsonPath.describe('Where the items sit in the payload, * for every element of a list, e.g. "viewChanges.*"'),
    ...signing,
    fields: fieldPaths.optional().describe('The item\'s own field paths, relative to it; default: the codec\'s top-level ones'),
  })
  .strict();

const certificate = z
  .object({
    path: jsonPath.describe('Where the certificates sit, e.g. "prepared.*"'),
    claim: z.string().optional().describe('Name of what the certificate justifies, e.g. "PREPARED" (its type field)'),
    fields: fieldPaths.optional().describe('Paths of the claimed view, seq, digest, relative to the certificate'),
    votes: jsonPath.describe('Path of the votes, relative to the certificate, e.g. "prepares.*"'),
    vote: z
      .object({ ...signing, fields: fieldPaths.optional().describe('The vote\'s own field paths, relative to it') })
      .strict()
      .optional()
      .describe('How a vote is signed; default: as the top-level payload'),
  })
  .strict();

/** The declarative codec: where a payload keeps its fields, signature, signed items and certificates. */
export const declaredCodecSchema = fieldPaths
  .extend({
    signature: jsonPath.optional().describe('Path of the payload\'s own signature'),
    signed: signing.signed,
    signatureEncoding: z
      .enum(['raw', 'hex', 'base64', 'base64url'])
      .optional()
      .describe('How payloads carry the signatures byzcheck issued (re-signed lies are written the same way): raw (default), or hex / base64 / base64url of their UTF-8 bytes'),
    types: z
      .record(z.string().min(1), z.union([z.string(), z.number().int()]))
      .refine((table) => new Set(Object.values(table)).size === Object.keys(table).length, { message: 'two type names share one raw value' })
      .optional()
      .describe('Type names by the raw value the type field holds, for numeric or coded types: { "PRE-PREPARE": 1, "PREPARE": 2 }'),
    signedItems: z.array(signedItem).optional().describe('Signed messages nested in a payload'),
    certificates: z.array(certificate).optional().describe('Lists of votes justifying a claim'),
  })
  .strict()
  .describe('How adversaries read and rewrite your JSON payloads');

const natural = z.number().int().nonnegative();

/** A target.json, as validated. */
export const targetFileSchema = z
  .object({
    $schema: z.string().optional().describe('The JSON Schema of this file, for editors'),
    name: z.string().optional().describe('Display name (the CLI and reports name the target by its file path)'),
    description: z.string().optional().describe('One line: what this replica is'),
    command: z.array(z.string().min(1)).min(1).describe('Program and arguments, run without a shell'),
    cwd: z.string().optional().describe('Working directory of the child, relative to this file (default: this file\'s folder)'),
    env: z.record(z.string(), z.string()).optional().describe('Extra environment variables for the child'),
    stepTimeoutMs: z.number().int().positive().optional().describe('Wall-clock ms per step before the child counts as hung (default 5000)'),
    maxLineBytes: z.number().int().positive().optional().describe('Longest line the child may write (default 1 MiB)'),
    livenessBoundMs: formula(LIVENESS_VARIABLES)
      .optional()
      .describe('Virtual ms within which a request after GST must be executed: a number or a formula in n, f (+ - * / ( ) min max)'),
    timelinessBoundMs: formula(TIMELINESS_VARIABLES)
      .optional()
      .describe('Virtual ms within which a request must be executed while nothing excuses slowness: a number or a formula in n, f, clients, delayMsMax'),
    clusterSizes: z.array(z.number().int().min(1)).min(1).optional().describe('Cluster sizes a campaign draws from (default 4, 7, 10)'),
    client: z
      .object({
        sendFirstTo: z.enum(['replica0', 'all']).optional(),
        retransmitMs: z.number().int().positive().optional(),
        acceptQuorum: z.number().int().positive().optional(),
      })
      .strict()
      .optional()
      .describe('How the simulated clients behave'),
    limits: z
      .object({ timeMs: natural.optional(), events: natural.optional(), messagesPerStep: natural.optional(), timersPerStep: natural.optional(), queuedEvents: natural.optional() })
      .strict()
      .optional()
      .describe('Bounds of one run and of one step'),
    codec: declaredCodecSchema.optional(),
  })
  .strict()
  .describe('A byzcheck target: a replica in any language speaking the subprocess protocol');

/** A validated target.json. */
export type TargetFile = z.infer<typeof targetFileSchema>;
/** A validated declarative codec. */
export type DeclaredCodecSpec = z.infer<typeof declaredCodecSchema>;

/** The JSON Schema shipped as `schemas/target.schema.json`. */
export function targetJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(targetFileSchema, { target: 'draft-2020-12', io: 'input' }),
    $id: 'https://byzcheck.dev/schemas/target.schema.json',
    title: 'byzcheck target.json',
  };
}

/** Every problem of a parsed target.json, one line each naming the field (`codec.signedItems.0.path: …`). */
export function targetFileProblems(error: z.ZodError): string[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${[...path, key].join('.')}: unknown field`);
    return [`${path.length === 0 ? '(top level)' : path.join('.')}: ${issue.message}`];
  });
}
