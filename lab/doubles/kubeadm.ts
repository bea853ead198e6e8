// kubeadm: init, join, token, reset, version, config images. Errors end the
// way kubeadm's do, with the --v=5 hint, exit status 1.
import { readFileSync } from 'node:fs';
import { flag, parseArgs, processIo, UsageError, type FlagSpec, type Io } from './cli-args.js';
import { isMain, versions } from './lab-env.js';
import { KubeadmError } from './kubeadm-config.js';
import { kubeadmInit } from './kubeadm-init.js';
import { kubeadmJoin } from './kubeadm-join.js';
import { imageList, versionText } from './kubeadm-output.js';
import { kubeadmReset } from './kubeadm-reset.js';
import { kubeadmToken } from './kubeadm-token.js';

const FLAGS: FlagSpec[] = [
  { names: ['config'] },
  { names: ['pod-network-cidr'] },
  { names: ['service-cidr'] },
  { names: ['apiserver-advertise-address'] },
  { names: ['apiserver-bind-port'] },
  { names: ['control-plane-endpoint'] },
  { names: ['kubernetes-version'] },
  { names: ['node-name'] },
  { names: ['cri-socket'] },
  { names: ['ignore-preflight-errors'] },
  { names: ['token'] },
  { names: ['token-ttl'] },
  { names: ['ttl'] },
  { names: ['description'] },
  { names: ['discovery-token'] },
  { names: ['discovery-token-ca-cert-hash'] },
  { names: ['discovery-token-unsafe-skip-ca-verification'], bool: true },
  { names: ['control-plane'], bool: true },
  { names: ['upload-certs'], bool: true },
  { names: ['skip-token-print'], bool: true },
  { names: ['skip-phases'] },
  { names: ['dry-run'], bool: true },
  { names: ['print-join-command'], bool: true },
  { names: ['kubeconfig'] },
  { names: ['force', 'f'], bool: true },
  { names: ['output', 'o'] },
  { names: ['v'] },
  { names: ['cleanup-tmp-dir'], bool: true },
];

export async function kubeadm(argv: readonly string[], stdin: () => string, io: Io): Promise<number> {
  try {
    const args = parseArgs(argv, FLAGS);
    const [command, sub] = args.positional;
    switch (command) {
      case 'init':
        return await kubeadmInit(args, io);
      case 'join':
        return await kubeadmJoin(args, io);
      case 'token':
        return await kubeadmToken(args, io);
      case 'reset':
        return kubeadmReset(args, flag(args, 'force') === 'true' ? '' : stdin(), io);
      case 'version':
        io.out(versionText(flag(args, 'output')));
        return 0;
      case 'config':
        if (sub === 'images' && (args.positional[2] === 'list' || args.positional[2] === 'pull')) {
          const pull = args.positional[2] === 'pull';
          io.out(imageList(versions().kubernetes).map((image) => (pull ? `[config/images] Pulled ${image}\n` : `${image}\n`)).join(''));
          return 0;
        }
        throw new KubeadmError('the lab kubeadm supports "config images list|pull" only');
      default:
        throw new KubeadmError(command ? `unknown command "${command}" for "kubeadm"` : 'kubeadm: easily bootstrap a secure Kubernetes cluster; see "kubeadm --help"');
    }
  } catch (error) {
    if (error instanceof KubeadmError || error instanceof UsageError) {
      io.err(`${error.message}\nTo see the stack trace of this error execute with --v=5 or higher\n`);
      return 1;
    }
    throw error;
  }
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

if (isMain(import.meta.url)) {
  process.exitCode = await kubeadm(process.argv.slice(2), readStdin, processIo);
}
