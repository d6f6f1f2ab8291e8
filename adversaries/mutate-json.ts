/** Generic JSON mutation, public as `byzcheck`'s `mutateJson`. */
export { mutateJson } from '../src/mutate-json.js';
