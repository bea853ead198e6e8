// `lab status`: every lab with a state folder, and whether each host's sshd
// and the repository server answer right now.
import { listLabStates, toLabInfo } from './lab-state.js';
import type { LabStatusInfo } from './lab-types.js';
import { repoServerRunning } from './repo-server-process.js';
import { probeSsh } from './ssh-probe.js';

export async function labStatus(): Promise<LabStatusInfo[]> {
  const states = await listLabStates();
  return Promise.all(
    states.map(async (state) => {
      const info = toLabInfo(state);
      const [hosts, repoServer] = await Promise.all([
        Promise.all(info.hosts.map(async (host) => ({ ...host, sshd: await probeSsh(host.address, 22, 1500) }))),
        repoServerRunning(state.stateDir),
      ]);
      return { ...info, hosts, repoServer };
    }),
  );
}
