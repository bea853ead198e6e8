// Times `lab up` and `lab down` for some host counts (root only):
//   node dist/lab/measure-lab.js 3 50
// Prints one JSON line per count: {"hosts":3,"upSeconds":…,"downSeconds":…}.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { labDown, labUp } from './lab.js';

export interface LabTiming {
  readonly hosts: number;
  readonly upSeconds: number;
  readonly downSeconds: number;
}

export async function measureLab(hosts: number, name = 'measure'): Promise<LabTiming> {
  const t0 = performance.now();
  await labUp({ name, hosts, log: () => undefined });
  const t1 = performance.now();
  await labDown(name);
  const t2 = performance.now();
  return { hosts, upSeconds: round((t1 - t0) / 1000), downSeconds: round((t2 - t1) / 1000) };
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}

async function main(argv: readonly string[]): Promise<void> {
  const counts = argv.length > 0 ? argv.map(Number) : [3, 50];
  for (const count of counts) process.stdout.write(`${JSON.stringify(await measureLab(count))}\n`);
}

const script = process.argv[1];
if (script && import.meta.url === pathToFileURL(realpathSync(script)).href) {
  main(process.argv.slice(2)).catch(async (error: unknown) => {
    process.stderr.write(`measure-lab: ${error instanceof Error ? error.message : String(error)}\n`);
    await labDown('measure').catch(() => undefined);
    process.exitCode = 1;
  });
}
