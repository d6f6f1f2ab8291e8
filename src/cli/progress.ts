import cliProgress from 'cli-progress';
import type { CampaignProgress } from '../campaign/pool.js';
import { plural } from '../report/plural.js';
import { formatRate } from '../report/rate.js';

/** Shows a campaign's progress: a live bar on a terminal, plain periodic lines otherwise (CI logs). */
export interface ProgressDisplay {
  /** Reports progress; cheap to call after every run. */
  update(progress: CampaignProgress): void;
  /** Removes the bar (or prints nothing more). */
  stop(): void;
}

const PLAIN_EVERY_MS = 2_000;

function rate(count: number, startedMs: number): string {
  return formatRate(count, (performance.now() - startedMs) / 1000);
}

/** A display writing to `stream`: a bar when it is a terminal, else a line every two seconds. */
export function createProgress(total: number, stream: NodeJS.WriteStream, enabled: boolean): ProgressDisplay {
  const started = performance.now();
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  if (stream.isTTY !== true) {
    let last = started;
    let told: string | undefined;
    return {
      update(p) {
        const now = performance.now();
        // The first sight of a failure is printed at once: shrinking a slow replica's run can take minutes.
        const news = p.broken !== undefined && p.broken !== told;
        if (now - last < PLAIN_EVERY_MS && !news) return;
        last = now;
        told = p.broken;
        const shrinking = p.shrinking ? `, shrinking a failure${p.broken === undefined ? '' : ` (${p.broken})`}` : '';
        stream.write(`[byzcheck] ${p.runs}/${total} runs, ${rate(p.runs, started)} runs/s, ${plural(p.violations, 'violation')}${shrinking}\n`);
      },
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: ' {bar} {value}/{total} runs | {speed} runs/s | violations {violations} | {phase} | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { speed: '0', violations: 0, phase: 'exploring' });
  return {
    update(p) {
      const phase = p.shrinking ? `shrinking${p.broken === undefined ? '' : ` a failure of ${p.broken}`}` : 'exploring';
      bar.update(p.runs, { speed: rate(p.runs, started), violations: p.violations, phase });
    },
    stop: () => bar.stop(),
  };
}
