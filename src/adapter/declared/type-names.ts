/**
 * Message type names for a declared codec whose payloads carry their type as a number or a code
 * (`"k": 1` for a proposal): strategies recognise roles by name (`PRE-PREPARE`, `PREPARE`…), so
 * the codec reads a raw type through the file's table and writes a name back as its raw value.
 */
import { roleOfType } from '../message-roles.js';

/** A declared table of type names, both ways. */
export interface TypeNames {
  /** The name a payload's raw type value stands for; a string type without a table entry reads as itself. */
  name(raw: unknown): string | undefined;
  /** The raw value to write for a type name: its entry, else the one entry of the same protocol role; undefined when none fits. */
  raw(name: string): string | number | undefined;
}

/** The table of a codec's `types` (`{ "PRE-PREPARE": 1, … }`); without one, types are strings read and written as they are. */
export function typeNames(table: Readonly<Record<string, string | number>> | undefined): TypeNames {
  if (table === undefined) return { name: (raw) => (typeof raw === 'string' ? raw : undefined), raw: (name) => name };
  const entries = Object.entries(table);
  return {
    name: (raw) => entries.find(([, value]) => value === raw)?.[0] ?? (typeof raw === 'string' ? raw : undefined),
    raw: (name) => {
      const exact = entries.find(([key]) => key === name);
      if (exact !== undefined) return exact[1];
      // A strategy builds `PRE-PREPARE` where the file names its proposal `PROPOSE`: same role, same kind.
      const role = roleOfType(name);
      if (role === 'other') return undefined;
      const sameRole = entries.filter(([key]) => roleOfType(key) === role);
      return sameRole.length === 1 ? sameRole[0]![1] : undefined;
    },
  };
}
