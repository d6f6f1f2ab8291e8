// A user's JavaScript replica that never acts: no safety property can fail.
export default {
  name: 'silent',
  description: 'replicas that ignore everything',
  createReplica: () => ({ onMessage: () => undefined, onRequest: () => undefined }),
  limits: { timeMs: 2000, events: 5000 },
};
