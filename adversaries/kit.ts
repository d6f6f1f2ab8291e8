/** The strategy kit, public as `byzcheck`'s: the built-in strategies import it from here. */
export * from '../src/strategy-kit.js';
