/** The subprocess binding: replicas in any language over JSON lines (docs/subprocess-protocol.md). */
export { subprocessTarget, DEFAULT_MAX_LINE_BYTES, DEFAULT_STEP_TIMEOUT_MS, type SubprocessTarget, type SubprocessTargetOptions } from './target.js';
export { closeAllChildren, liveChildPids } from './registry.js';
export { SubprocessError } from './child.js';
export { ProtocolError, PROTOCOL_VERSION } from './protocol.js';
export { splitCommand, CommandSyntaxError } from './command.js';
