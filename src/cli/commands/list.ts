import { ADVERSARIES } from '../../../adversaries/index.js';
import { PROPERTIES } from '../../../properties/index.js';
import { listTargets } from '../targets.js';

/** `byzcheck list`: targets, adversaries and properties, one name per line under a heading each. */
export function listCommand(): number {
  const sections: [string, readonly string[]][] = [
    ['targets', listTargets()],
    ['adversaries', ADVERSARIES.map((a) => a.name)],
    ['properties', PROPERTIES.map((p) => p.name)],
  ];
  console.log(sections.map(([heading, names]) => [`${heading}:`, ...names].join('\n')).join('\n\n'));
  return 0;
}
