// Shapes shared by the lab's commands, its state file and its callers
// (tests, the demo and the benchmark).

export interface LabHost {
  readonly name: string;
  readonly address: string;
}

export interface LabInfo {
  readonly name: string;
  /** Everything the lab owns on the machine lives under this directory. */
  readonly stateDir: string;
  readonly inventoryPath: string;
  readonly knownHostsPath: string;
  readonly privateKeyPath: string;
  /** The bridge's address on the machine: the controller side of the lab network. */
  readonly gateway: string;
  /** CIDR of the lab network, e.g. 10.213.0.0/24. */
  readonly subnet: string;
  /** Base URL of the lab's apt repository server, reachable from every host. */
  readonly repoUrl: string;
  readonly hosts: readonly LabHost[];
}

export type Hook = (dir: string) => Promise<void>;

export interface LabUpOptions {
  readonly name?: string;
  readonly hosts?: number;
  readonly subnet?: string;
  /** Host names in order; the first is the master. Overrides `hosts`. */
  readonly hostNames?: readonly string[];
  /** Fills the tooling layer that sits above the machine's / in every host. */
  readonly prepareLayer?: Hook;
  /** Fills the folder the repository server publishes. */
  readonly prepareRepo?: Hook;
  /** First port tried for the repository server (default 8080). */
  readonly repoPort?: number;
  /** Progress and notes; defaults to stderr. */
  readonly log?: (line: string) => void;
}

export interface HostStatus extends LabHost {
  /** True when the host's sshd sent its banner within the probe's deadline. */
  readonly sshd: boolean;
}

export interface LabStatusInfo extends LabInfo {
  readonly hosts: readonly HostStatus[];
  readonly repoServer: boolean;
}

/** What `lab up` records in <stateDir>/lab.json so `down` and `status` need nothing else. */
export interface LabState extends LabInfo {
  readonly version: 1;
  readonly phase: 'starting' | 'up';
  readonly bridge: string;
  readonly repoPort: number;
  readonly repoServerPid?: number;
  readonly createdAt: string;
}
