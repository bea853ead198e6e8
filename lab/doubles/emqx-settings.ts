// How an EMQX pod's configuration (EMQX_* environment variables, mounted
// bootstrap files) translates into the stand-in broker: whether MQTT clients
// must authenticate, which users exist, and the dashboard login.
import type { ClusterState } from './cluster-store.js';
import type { Container, KObject, PodSpec, PodStatus } from './k8s-types.js';
import { spec, status } from './k8s-types.js';
import { resolveEnv, resolvePath } from './pod-volumes.js';

export interface MqttUser {
  readonly user: string;
  readonly password: string;
}

export interface BrokerSettings {
  readonly authRequired: boolean;
  readonly users: readonly MqttUser[];
  readonly dashboardUser: string;
  readonly dashboardPassword: string;
  readonly nodeName: string;
  readonly version: string;
}

export function isEmqx(container: Container): boolean {
  return /(^|\/)emqx[^/]*:|(^|\/)emqx[^/:]*$/.test(container.image);
}

export function emqxContainer(pod: KObject): Container | undefined {
  return spec<PodSpec>(pod).containers?.find(isEmqx);
}

function imageVersion(image: string): string {
  const tag = /:([^:/]+)$/.exec(image)?.[1];
  return tag && /^v?\d/.test(tag) ? tag.replace(/^v/, '') : '5.8.9';
}

export function brokerSettings(state: ClusterState, pod: KObject, container: Container): BrokerSettings {
  const env = resolveEnv(state, pod, container);
  const authRequired = Object.keys(env).some((k) => k.startsWith('EMQX_AUTHENTICATION__'));
  const users: MqttUser[] = [];
  for (const [key, path] of Object.entries(env)) {
    const index = /^EMQX_AUTHENTICATION__(\d+)__BOOTSTRAP_FILE$/.exec(key)?.[1];
    if (index === undefined) continue;
    const type = (env[`EMQX_AUTHENTICATION__${index}__BOOTSTRAP_TYPE`] ?? 'plain').toLowerCase();
    const file = resolvePath(state, pod, container, path);
    // Only plain-text bootstrap files can be turned into broker passwords.
    if (file.kind === 'data' && type === 'plain') users.push(...parseBootstrap(file.content, path.endsWith('.json')));
  }
  const host = env.EMQX_HOST ?? status<PodStatus>(pod).podIP ?? '127.0.0.1';
  return {
    authRequired,
    users,
    dashboardUser: env.EMQX_DASHBOARD__DEFAULT_USERNAME ?? 'admin',
    dashboardPassword: env.EMQX_DASHBOARD__DEFAULT_PASSWORD ?? 'public',
    nodeName: env.EMQX_NODE__NAME ?? `emqx@${host}`,
    version: imageVersion(container.image),
  };
}

/** EMQX's bootstrap formats: CSV with a user_id,password header, or a JSON array. */
export function parseBootstrap(content: string, json: boolean): MqttUser[] {
  if (json) {
    try {
      const list = JSON.parse(content) as unknown;
      if (!Array.isArray(list)) return [];
      return list.flatMap((item: unknown) => {
        const entry = item as { user_id?: unknown; password?: unknown };
        return typeof entry.user_id === 'string' && typeof entry.password === 'string' ? [{ user: entry.user_id, password: entry.password }] : [];
      });
    } catch {
      return [];
    }
  }
  const lines = content.split('\n').map((l) => l.trim()).filter(Boolean);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const userCol = header.indexOf('user_id');
  const passCol = header.indexOf('password');
  if (userCol < 0 || passCol < 0) return [];
  return lines.slice(1).flatMap((line) => {
    const cells = line.split(',').map((c) => c.trim());
    const user = cells[userCol];
    const password = cells[passCol];
    return user && password !== undefined ? [{ user, password }] : [];
  });
}
