// The lab's programmatic API, for tests, the demo and the benchmark.
//
//   const lab = await labUp({ name: 'bench', hosts: 3 });
//   … connect to lab.hosts[i].address as root with lab.privateKeyPath,
//     checking host keys against lab.knownHostsPath …
//   await labDown(lab.name);
export { labUp, DEFAULT_HOSTS, DEFAULT_REPO_PORT } from './lab-up.js';
export { labDown } from './lab-down.js';
export { labStatus } from './lab-status.js';
export { LabError, exitCodeFor } from './lab-error.js';
export { DEFAULT_LAB_NAME, DEFAULT_BASE_DIR, CLUSTER_MOUNT, stateDirFor } from './lab-names.js';
export type { LabErrorCode } from './lab-error.js';
export type { HostStatus, LabHost, LabInfo, LabStatusInfo, LabUpOptions } from './lab-types.js';
