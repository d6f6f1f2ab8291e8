/** The strategies and properties byzcheck ships, as one registry: the only place the edges import them from. */
import { ADVERSARIES } from '../../adversaries/index.js';
import { ALWAYS_ON, PROPERTIES } from '../../properties/index.js';
import { createRegistry, type Registry } from '../registry.js';

/** Built-in strategies and properties. */
export const BUILTIN_REGISTRY: Registry = createRegistry(ADVERSARIES, PROPERTIES, ALWAYS_ON);
