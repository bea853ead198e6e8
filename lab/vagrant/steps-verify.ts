// Checks that the deployment works, from outside the cluster where possible:
// nodes Ready on their private addresses, EMQX pods Running, an authenticated
// MQTT round trip through each worker's NodePort (and anonymous clients
// refused), and EMQX's /status through the dashboard NodePort on every node.
import { tail } from './exec-argv.js';
import { failed, passed, type LabContext, type LabStep, type StepFailure } from './lab-context.js';
import { kubectlGetNodes, kubectlGetPods, type Argv } from './lab-commands.js';
import { labMqttLogin } from './lab-inventory.js';
import { hostsInGroup, type LabHost } from './lab-layout.js';
import { isLoginRefused } from '../../engine/verify/mqtt-roundtrip.js';
import { pollUntil, type Attempt } from './poll.js';
import { checkNodes, checkPods, type ClusterProblem } from './cluster-checks.js';

export const EMQX_NAMESPACE = 'kube-emqx';
export const MQTT_NODE_PORT = 31883;
export const DASHBOARD_NODE_PORT = 30083;

function settle<P>(ctx: LabContext, attempt: () => Promise<Attempt<P>>) {
  return pollUntil(attempt, { timeoutMs: ctx.timings.settleMs, intervalMs: ctx.timings.pollIntervalMs });
}

async function kubectlCheck(ctx: LabContext, argv: Argv, check: (stdout: string) => ClusterProblem[]): Promise<Attempt<StepFailure>> {
  const result = await ctx.exec(argv, { timeoutMs: 2 * 60_000 });
  if (!result.ok) return { done: false, problems: [{ node: 'master', message: `kubectl failed (${result.reason})\n${tail(result, 5)}` }] };
  const problems = check(result.stdout);
  return problems.length === 0 ? { done: true } : { done: false, problems };
}

export const nodes: LabStep = {
  name: 'nodes',
  gate: false,
  async run(ctx) {
    const expected = ctx.layout.hosts.map((h) => ({ name: h.name, address: h.address }));
    const result = await settle(ctx, () => kubectlCheck(ctx, kubectlGetNodes(), (out) => checkNodes(out, expected)));
    return result.ok ? passed(`${expected.length} nodes Ready on their private addresses`) : failed(...result.problems);
  },
};

export const emqxPods: LabStep = {
  name: 'emqx-pods',
  gate: false,
  async run(ctx) {
    const argv = kubectlGetPods(EMQX_NAMESPACE);
    const result = await settle(ctx, () => kubectlCheck(ctx, argv, (out) => checkPods(out, EMQX_NAMESPACE)));
    return result.ok ? passed(`every pod in ${EMQX_NAMESPACE} Running`) : failed(...result.problems);
  },
};

type Credentials = { readonly username?: string; readonly password?: string };

async function roundTripVia(ctx: LabContext, host: LabHost, creds: Credentials): Promise<StepFailure[]> {
  const target = `${host.address}:${MQTT_NODE_PORT}`;
  const result = await settle(ctx, async (): Promise<Attempt<StepFailure>> => {
    const r = await ctx.mqttRoundTrip({ host: host.address, port: MQTT_NODE_PORT, timeoutMs: ctx.timings.probeMs, ...creds });
    return r.ok ? { done: true } : { done: false, problems: [{ node: host.name, message: `MQTT round trip via ${target} failed at ${r.step}: ${r.error}` }] };
  });
  if (!result.ok) return [...result.problems];
  if (creds.username === undefined) return [];
  const anonymous = await ctx.mqttRoundTrip({ host: host.address, port: MQTT_NODE_PORT, timeoutMs: ctx.timings.probeMs });
  if (anonymous.ok) return [{ node: host.name, message: `${target} accepts anonymous MQTT clients` }];
  if (!isLoginRefused(anonymous)) {
    return [{ node: host.name, message: `anonymous client at ${target} was not refused at login but failed at ${anonymous.step}: ${anonymous.error}` }];
  }
  return [];
}

export const mqtt: LabStep = {
  name: 'mqtt',
  gate: false,
  async run(ctx) {
    const login = labMqttLogin(ctx.state.inventoryVars);
    if (login.kind === 'unusable') return failed({ message: login.reason });
    const creds: Credentials = login.kind === 'user' ? { username: login.username, password: login.password } : {};
    const failures: StepFailure[] = [];
    const workers = hostsInGroup(ctx.layout, 'workers');
    for (const host of workers) failures.push(...(await roundTripVia(ctx, host, creds)));
    if (failures.length > 0) return failed(...failures);
    return passed(login.kind === 'anonymous'
      ? `round trip via ${workers.length} workers, anonymously (emqx_mqtt_users is empty in the inventory)`
      : `round trip via ${workers.length} workers as ${login.username}; anonymous clients refused`);
  },
};

export const dashboardStatus: LabStep = {
  name: 'emqx-status',
  gate: false,
  async run(ctx) {
    const failures: StepFailure[] = [];
    // Every node, the master too: it runs no EMQX pod, so its NodePort only
    // answers if pod traffic crosses the private network.
    for (const host of ctx.layout.hosts) {
      const result = await settle(ctx, async (): Promise<Attempt<StepFailure>> => {
        const r = await ctx.httpStatus({ host: host.address, port: DASHBOARD_NODE_PORT, path: '/status', timeoutMs: ctx.timings.probeMs });
        return r.ok ? { done: true } : { done: false, problems: [{ node: host.name, message: `GET http://${host.address}:${DASHBOARD_NODE_PORT}/status: ${r.error}` }] };
      });
      if (!result.ok) failures.push(...result.problems);
    }
    return failures.length > 0 ? failed(...failures) : passed(`/status answers on ${ctx.layout.hosts.length} nodes`);
  },
};
