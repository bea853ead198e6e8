// Parses `vagrant status --machine-readable`: lines of
// `timestamp,target,type,data...`, commas inside data written as
// %!(VAGRANT_COMMA). Used by --skip-up to confirm the machines are running.

export interface MachineState {
  readonly state: string;
  readonly provider: string | undefined;
}

export function parseMachineStatus(text: string): Map<string, MachineState> {
  const states = new Map<string, { state?: string; provider?: string }>();
  for (const line of text.split(/\r?\n/)) {
    const [, target, type, ...data] = line.split(',');
    if (target === undefined || target === '' || type === undefined) continue;
    const value = data.join(',').replace(/%!\(VAGRANT_COMMA\)/g, ',');
    const entry = states.get(target) ?? {};
    if (type === 'state') entry.state = value;
    else if (type === 'provider-name') entry.provider = value;
    else continue;
    states.set(target, entry);
  }
  const result = new Map<string, MachineState>();
  for (const [name, entry] of states) {
    if (entry.state !== undefined) result.set(name, { state: entry.state, provider: entry.provider });
  }
  return result;
}

export interface StatusProblem {
  readonly node: string;
  readonly message: string;
}

export function checkRunning(states: ReadonlyMap<string, MachineState>, machines: readonly string[]): StatusProblem[] {
  const problems: StatusProblem[] = [];
  for (const name of machines) {
    const s = states.get(name);
    if (!s) problems.push({ node: name, message: 'not defined (does DECKHAND_WORKERS match the lab?)' });
    else if (s.state !== 'running') problems.push({ node: name, message: `state is ${s.state}, not running (drop --skip-up to start it)` });
  }
  return problems;
}
