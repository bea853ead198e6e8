// Differential tests: the same inputs through python3 (always on the machine), whose answer is
// the reference for ports of Python and Ansible behaviour.
import { execFileSync } from 'node:child_process';

/** Runs `script` with `input` as JSON on stdin and returns what it printed, parsed as JSON. */
export function pythonJson(script: string, input: unknown): unknown {
  return pythonJsonWith('python3', script, input);
}

/** A python3 that can import Ansible (the system one, when Ansible is installed), or undefined. */
export function ansiblePython(): string | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(python, ['-c', 'import ansible'], { stdio: 'ignore' });
      return python;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/** As pythonJson, with a given interpreter. */
export function pythonJsonWith(python: string, script: string, input: unknown): unknown {
  const out = execFileSync(python, ['-c', script], { input: JSON.stringify(input), encoding: 'utf8' });
  return JSON.parse(out) as unknown;
}
