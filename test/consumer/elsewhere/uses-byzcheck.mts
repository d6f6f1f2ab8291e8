// A replica in a folder where byzcheck is not installed: 'byzcheck' must still mean the running one.
import { faultsTolerated, type Target } from 'byzcheck';

const target: Target<never> = {
  name: 'elsewhere',
  description: `replicas that ignore everything (f = ${faultsTolerated(4)})`,
  createReplica: () => ({ onMessage: () => undefined, onRequest: () => undefined }),
  limits: { timeMs: 2000, events: 5000 },
};
export default target;
