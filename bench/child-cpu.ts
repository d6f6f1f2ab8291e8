import { readFileSync } from 'node:fs';
import { liveChildPids } from '../src/adapter/subprocess/index.js';

/** CPU ms of every live child of this process (user + system, from /proc; clock ticks of 10 ms). */
export function childCpuMs(): number {
  let ticks = 0;
  for (const pid of liveChildPids()) {
    try {
      const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] as string).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks * 10;
}
