// crictl: asks the "CRI" (the containerd stand-in's running record) the
// questions roles use as probes: info, version, ps, pods, images.
import { readdirSync } from 'node:fs';
import { processIo, type Io } from './cli-args.js';
import { readText, writeFileAtomic } from './fs-atomic.js';
import { hostPath, isMain, versions } from './lab-env.js';
import { criStatus, DEFAULT_ENDPOINT } from './containerd-config.js';

const CONFIG = '/etc/crictl.yaml';

function endpointFromConfig(): string | undefined {
  const text = readText(hostPath(CONFIG)) ?? '';
  return /^runtime-endpoint:\s*(\S+)/m.exec(text)?.[1];
}

export function crictl(argv: readonly string[], io: Io): number {
  const args = [...argv];
  let endpoint: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--runtime-endpoint' || arg === '-r') {
      endpoint = args[i + 1];
      args.splice(i, 2);
      i--;
    } else if (arg.startsWith('--runtime-endpoint=')) {
      endpoint = arg.slice('--runtime-endpoint='.length);
      args.splice(i, 1);
      i--;
    }
  }
  const [verb, ...rest] = args;
  if (verb === '--version' || verb === '-v') {
    io.out(`crictl version v${versions().criTools}\n`);
    return 0;
  }
  if (verb === 'config') return config(rest, io);
  const status = criStatus(endpoint ?? endpointFromConfig() ?? DEFAULT_ENDPOINT);
  if (!status.ok) {
    io.err(`time="${new Date().toISOString()}" level=fatal msg="${status.message.replace(/"/g, '\\"')}"\n`);
    return 1;
  }
  switch (verb) {
    case 'version':
      io.out(`Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  ${versions().containerd}\nRuntimeApiVersion:  v1\n`);
      return 0;
    case 'info': {
      const networkReady = cniConfigured();
      const info = {
        status: {
          conditions: [
            { type: 'RuntimeReady', status: true, reason: '', message: '' },
            networkReady
              ? { type: 'NetworkReady', status: true, reason: '', message: '' }
              : { type: 'NetworkReady', status: false, reason: 'NetworkPluginNotReady', message: 'Network plugin returns error: cni plugin not initialized' },
          ],
        },
        config: {
          containerd: { defaultRuntimeName: 'runc', runtimes: { runc: { runtimeType: 'io.containerd.runc.v2', options: { SystemdCgroup: status.settings.systemdCgroup } } } },
          cni: { binDir: '/opt/cni/bin', confDir: '/etc/cni/net.d' },
          sandboxImage: status.settings.sandboxImage,
        },
      };
      io.out(`${JSON.stringify(info, null, 2)}\n`);
      return 0;
    }
    case 'ps':
      io.out('CONTAINER           IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID              POD\n');
      return 0;
    case 'pods':
      io.out('POD ID              CREATED             STATE               NAME                NAMESPACE           ATTEMPT             RUNTIME\n');
      return 0;
    case 'images':
      io.out('IMAGE               TAG                 IMAGE ID            SIZE\n');
      return 0;
    default:
      io.err(`crictl: No help topic for '${verb ?? ''}'\n`);
      return 1;
  }
}

function config(rest: readonly string[], io: Io): number {
  const set = rest.indexOf('--set');
  const assignment = set >= 0 ? rest[set + 1] : undefined;
  const match = assignment ? /^runtime-endpoint=(\S+)$/.exec(assignment) : null;
  if (!match) {
    io.err('crictl: the lab crictl supports only `config --set runtime-endpoint=URL`\n');
    return 1;
  }
  writeFileAtomic(hostPath(CONFIG), `runtime-endpoint: "${match[1]}"\nimage-endpoint: ""\ntimeout: 0\ndebug: false\npull-image-on-create: false\ndisable-pull-on-run: false\n`);
  return 0;
}

export function cniConfigured(): boolean {
  try {
    return readdirSync(hostPath('/etc/cni/net.d')).some((f) => /\.(conflist|conf|json)$/.test(f));
  } catch {
    return false;
  }
}

if (isMain(import.meta.url)) {
  process.exitCode = crictl(process.argv.slice(2), processIo);
}
