/**
 * The declarative codec of a target.json: JSON paths say where a payload keeps its fields, its
 * signature, its nested signed items and its certificates; this turns them into a {@link Codec}.
 */
import type { Certificate, Codec, NodeId, PayloadFields, PayloadPath, SignedItem } from '../contract.js';
import type { DeclaredCodecSpec } from './target-file.js';
import { encodeSignature } from '../../crypto/encoding.js';
import { matchPath, parsePath, readPath, removeAt, setAt, valueAt, type PathPattern } from './json-path.js';
import { typeNames, type TypeNames } from './type-names.js';

/** Where one kind of object keeps its fields and signature, paths relative to the object. */
interface Layout {
  readonly fields: Partial<Record<keyof PayloadFields, PathPattern>>;
  readonly signature?: PathPattern;
  readonly signed?: PathPattern;
  readonly signer?: PathPattern;
}

type FieldPathsSpec = { readonly [K in keyof PayloadFields]?: string };
const FIELD_KEYS = ['type', 'view', 'seq', 'digest', 'sender'] as const;

function fieldLayout(spec: FieldPathsSpec | undefined): Layout['fields'] {
  const out: Partial<Record<keyof PayloadFields, PathPattern>> = {};
  for (const key of FIELD_KEYS) {
    const text = spec?.[key];
    if (text !== undefined) out[key] = parsePath(text);
  }
  return out;
}

function layout(spec: { signature?: string; signed?: string; signer?: string; fields?: FieldPathsSpec } | undefined, fallback: Layout): Layout {
  if (spec === undefined) return fallback;
  return {
    fields: spec.fields === undefined ? fallback.fields : fieldLayout(spec.fields),
    ...(spec.signature !== undefined ? { signature: parsePath(spec.signature) } : {}),
    ...(spec.signed !== undefined ? { signed: parsePath(spec.signed) } : {}),
    ...(spec.signer !== undefined ? { signer: parsePath(spec.signer) } : {}),
  };
}

/** JSON with object keys sorted and no spaces: what a declared payload's signature covers by default. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function readFields(value: unknown, l: Layout, types: TypeNames): PayloadFields {
  const out: { type?: string; view?: number; seq?: number; digest?: string; sender?: NodeId } = {};
  for (const key of FIELD_KEYS) {
    const path = l.fields[key];
    if (path === undefined) continue;
    const v = readPath(value, path);
    if (key === 'type') {
      const name = types.name(v);
      if (name !== undefined) out.type = name;
    } else if (key === 'digest' && typeof v === 'string') out[key] = v;
    else if (key !== 'digest' && typeof v === 'number' && Number.isInteger(v)) out[key] = v;
  }
  return out;
}

function writeFields(value: unknown, l: Layout, fields: PayloadFields, create: boolean, types: TypeNames): unknown {
  let out = value;
  for (const key of FIELD_KEYS) {
    const path = l.fields[key];
    const v = key === 'type' && fields.type !== undefined ? types.raw(fields.type) : fields[key];
    if (path === undefined || v === undefined) continue;
    // Wildcards in a field path write the field's first occurrence, the one readers see.
    const at = matchPath(out, path)[0]?.path ?? (create && !path.includes('*') ? path : undefined);
    if (at !== undefined) out = setAt(out, at, v, create);
  }
  return out;
}

/** What an object's signature covers, as the text handed to `sign`/`verify`. */
function signedData(value: unknown, l: Layout): string {
  if (l.signed !== undefined) {
    const covered = readPath(value, l.signed);
    return typeof covered === 'string' ? covered : canonicalJson(covered ?? null);
  }
  const signature = l.signature;
  const stripped = signature === undefined ? value : matchPath(value, signature).reduce<unknown>((v, m) => removeAt(v, m.path), value);
  return canonicalJson(stripped);
}

function signedItem(value: unknown, path: PayloadPath, l: Layout, types: TypeNames): SignedItem | undefined {
  if (l.signature === undefined) return undefined;
  const signature = readPath(value, l.signature);
  if (typeof signature !== 'string') return undefined;
  const fields = readFields(value, l, types);
  const signer = l.signer !== undefined ? readPath(value, l.signer) : fields.sender;
  return { path, ...(typeof signer === 'number' && Number.isInteger(signer) ? { signer } : {}), data: signedData(value, l), signature, fields };
}

interface Compiled {
  readonly top: Layout;
  readonly types: TypeNames;
  readonly items: readonly { readonly pattern: PathPattern; readonly layout: Layout }[];
  readonly certificates: readonly { readonly pattern: PathPattern; readonly claim?: string; readonly fields: Layout; readonly votes: PathPattern; readonly vote: Layout }[];
}

function compile(spec: DeclaredCodecSpec): Compiled {
  const top: Layout = layout({ ...spec, fields: spec }, { fields: {} });
  return {
    top,
    types: typeNames(spec.types),
    items: (spec.signedItems ?? []).map((item) => ({ pattern: parsePath(item.path), layout: layout(item, top) })),
    certificates: (spec.certificates ?? []).map((c) => ({
      pattern: parsePath(c.path),
      ...(c.claim !== undefined ? { claim: c.claim } : {}),
      fields: { fields: fieldLayout(c.fields) },
      votes: parsePath(c.votes),
      vote: layout(c.vote, top),
    })),
  };
}

/** Where a nested signed object sits and how it is laid out. */
interface Placed {
  readonly path: PayloadPath;
  readonly layout: Layout;
  readonly item: SignedItem;
}

function certificatesOf(c: Compiled, payload: unknown): { certificate: Certificate; layout: Layout }[] {
  return c.certificates.flatMap((spec) =>
    matchPath(payload, spec.pattern).map(({ path, value }) => {
      const votes = matchPath(value, spec.votes).flatMap((m) => signedItem(m.value, [...path, ...m.path], spec.vote, c.types) ?? []);
      const claim = { ...readFields(value, spec.fields, c.types), ...(spec.claim !== undefined ? { type: spec.claim } : {}) };
      return { certificate: { path, claim, votes }, layout: spec.vote };
    }),
  );
}

function placedItems(c: Compiled, payload: unknown): Placed[] {
  const seen = new Set<string>();
  const out: Placed[] = [];
  const add = (path: PayloadPath, l: Layout, item: SignedItem | undefined): void => {
    const key = JSON.stringify(path);
    if (item === undefined || seen.has(key)) return;
    seen.add(key);
    out.push({ path, layout: l, item });
  };
  for (const spec of c.items) for (const m of matchPath(payload, spec.pattern)) add(m.path, spec.layout, signedItem(m.value, m.path, spec.layout, c.types));
  for (const { certificate, layout: l } of certificatesOf(c, payload)) for (const vote of certificate.votes) add(vote.path, l, vote);
  // Outermost first: a caller rewriting several items then edits parents before their children.
  return out.sort((a, b) => a.path.length - b.path.length);
}

/** The codec a target.json declares. */
export function declaredCodec(spec: DeclaredCodecSpec): Codec<unknown> {
  const c = compile(spec);
  const { top, types } = c;
  const flat: Codec<unknown> = {
    fields: (payload) => readFields(payload, top, types),
    withFields: (payload, fields) => writeFields(payload, top, fields, false, types),
    // A type the file's table cannot write would build an untyped payload: none is built.
    build: (type, fields) => (top.fields.type === undefined || types.raw(type) === undefined ? undefined : writeFields({}, top, { ...fields, type }, true, types)),
  };
  // Structure the file does not declare is left out, not answered with "none": strategies then
  // find it by signed-item discovery, as they do without a codec (a file declaring only flat
  // fields used to hide every nested vote and certificate from them).
  const declaresItems = c.items.length > 0 || c.certificates.length > 0;
  const codec: Codec<unknown> = {
    ...flat,
    ...(declaresItems
      ? {
          signedItems: (payload: unknown) => placedItems(c, payload).map((p) => p.item),
          withItemFields: (payload: unknown, path: PayloadPath, fields: PayloadFields) => {
            const placed = placedItems(c, payload).find((p) => JSON.stringify(p.path) === JSON.stringify(path));
            return placed === undefined ? payload : setAt(payload, path, writeFields(valueAt(payload, path), placed.layout, fields, false, types));
          },
        }
      : {}),
    ...(c.certificates.length > 0 ? { certificates: (payload: unknown) => certificatesOf(c, payload).map((x) => x.certificate) } : {}),
  };
  const signature = top.signature;
  if (signature === undefined) return codec;
  // Garbage (a mutated payload that is no longer an object) is sent as it is, unsigned.
  const isObject = (x: unknown): boolean => typeof x === 'object' && x !== null && !Array.isArray(x);
  // The replica decodes what it carries (hex of a real signature's bytes…): a new one goes on the wire the same way.
  const encode = (raw: string): string => encodeSignature(raw, spec.signatureEncoding);
  return { ...codec, resign: (payload, sign) => (isObject(payload) ? setAt(payload, signature, encode(sign(signedData(payload, top))), true) : payload) };
}
