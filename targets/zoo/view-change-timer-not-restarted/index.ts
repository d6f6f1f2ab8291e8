import { PbftReplica } from '../../pbft/index.js';
import { zooTarget, type ZooBug } from '../kit.js';

/** The bug: does not restart its view-change timer when a request is still pending after progress. */
export const bug: ZooBug = { description: 'does not restart its view-change timer when a request is still pending after progress', expected: 'liveness' };

/** The reference PBFT with exactly this one change. */
class ViewChangeTimerNotRestarted extends PbftReplica {
  protected override restartViewChangeTimer(): void {
    this.stopViewChangeTimer();
  }
}

/** `zoo/view-change-timer-not-restarted`. */
export default zooTarget('view-change-timer-not-restarted', bug, (ctx) => new ViewChangeTimerNotRestarted(ctx));
