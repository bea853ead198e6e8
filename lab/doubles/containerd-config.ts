// What a running containerd makes of /etc/containerd/config.toml, and the
// record it leaves in /run so the kubelet, kubeadm and crictl can ask the
// "CRI" what it runs with (the settings loaded at start, not the file now).
import { exists, readJson, readText, writeFileAtomic } from './fs-atomic.js';
import { hostPath } from './lab-env.js';
import { isAlive } from './systemd-state.js';
import { getValue, readToml } from './config-toml.js';
import { CRI_V1_RUNC_OPTIONS, CRI_V2_RUNC_OPTIONS, SANDBOX_IMAGE } from './containerd-default-config.js';

export const CONFIG_PATH = '/etc/containerd/config.toml';
export const SOCKET_PATH = '/run/containerd/containerd.sock';
export const DEFAULT_ENDPOINT = 'unix:///var/run/containerd/containerd.sock';

export interface ContainerdSettings {
  readonly configVersion: number;
  readonly criEnabled: boolean;
  /** Why the CRI plugin failed to initialise, when it did. */
  readonly criError?: string;
  readonly systemdCgroup: boolean;
  readonly sandboxImage: string;
}

export type LoadResult = { readonly ok: true; readonly settings: ContainerdSettings } | { readonly ok: false; readonly error: string };

export function loadSettings(configPath = CONFIG_PATH): LoadResult {
  const text = readText(hostPath(configPath));
  if (text === undefined) return { ok: true, settings: { configVersion: 2, criEnabled: true, systemdCgroup: false, sandboxImage: SANDBOX_IMAGE } };
  const read = readToml(text);
  if (!read.ok) return { ok: false, error: `failed to load TOML from ${configPath}: ${read.error}` };
  const doc = read.doc;
  const version = getValue(doc, [], 'version');
  const configVersion = typeof version === 'number' ? version : 1;
  if (configVersion > 2) return { ok: false, error: `failed to load TOML from ${configPath}: unsupported config version \`${configVersion}\`` };
  const disabled = getValue(doc, [], 'disabled_plugins');
  const disabledList = Array.isArray(disabled) ? disabled.filter((v): v is string => typeof v === 'string') : [];
  const criName = configVersion === 2 ? 'io.containerd.grpc.v1.cri' : 'cri';
  const criTable = configVersion === 2 ? CRI_V2_RUNC_OPTIONS : CRI_V1_RUNC_OPTIONS;
  const criEnabled = !disabledList.some((p) => p === 'cri' || p === 'io.containerd.grpc.v1.cri');
  const legacy = getValue(doc, ['plugins', criName], 'systemd_cgroup');
  const sandbox = getValue(doc, ['plugins', criName], 'sandbox_image');
  return {
    ok: true,
    settings: {
      configVersion,
      criEnabled,
      ...(legacy === true ? { criError: 'invalid plugin config: `systemd_cgroup` only works for runtime io.containerd.runtime.v1.linux' } : {}),
      systemdCgroup: getValue(doc, criTable, 'SystemdCgroup') === true,
      sandboxImage: typeof sandbox === 'string' ? sandbox : SANDBOX_IMAGE,
    },
  };
}

interface RunningRecord {
  readonly pid: number;
  readonly settings: ContainerdSettings;
}

function recordPath(): string {
  return hostPath('/run/containerd/deckhand-lab-running.json');
}

export function recordRunning(settings: ContainerdSettings): void {
  writeFileAtomic(recordPath(), `${JSON.stringify({ pid: process.pid, settings })}\n`);
}

export type CriStatus = { readonly ok: true; readonly settings: ContainerdSettings } | { readonly ok: false; readonly message: string };

/** What a CRI client sees at the endpoint: no daemon, no CRI service, or a runtime. */
export function criStatus(endpoint = DEFAULT_ENDPOINT): CriStatus {
  const socket = endpoint.replace(/^unix:\/\//, '').replace(/^\/var\/run\//, '/run/');
  const prefix = `validate service connection: validate CRI v1 runtime API for endpoint "${endpoint}": rpc error:`;
  const record = readJson<RunningRecord | undefined>(recordPath(), undefined);
  if (socket !== SOCKET_PATH || !record || !isAlive(record.pid) || !exists(hostPath(SOCKET_PATH))) {
    const path = endpoint.replace(/^unix:\/\//, '');
    return { ok: false, message: `${prefix} code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix ${path}: connect: no such file or directory"` };
  }
  if (!record.settings.criEnabled || record.settings.criError) {
    return { ok: false, message: `${prefix} code = Unimplemented desc = unknown service runtime.v1.RuntimeService` };
  }
  return { ok: true, settings: record.settings };
}
