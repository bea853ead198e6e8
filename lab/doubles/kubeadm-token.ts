// kubeadm token create|list|delete|generate, against the cluster reached
// through /etc/kubernetes/admin.conf (or --kubeconfig).
import { existsSync } from 'node:fs';
import { flag, parseDuration, type Io, type ParsedArgs } from './cli-args.js';
import { reachApiServer } from './api-client.js';
import { addToken, DEFAULT_TTL_MS, formatToken, formatTtl, generateToken, joinCommand, liveTokens, TOKEN_PATTERN } from './bootstrap-tokens.js';
import { updateCluster } from './cluster-store.js';
import { hostPath } from './lab-env.js';
import { KubeadmError } from './kubeadm-config.js';
import { loadKubeconfig } from './kubeconfig.js';
import { caCertHash } from './pki.js';

async function connect(args: ParsedArgs): Promise<void> {
  const path = flag(args, 'kubeconfig') ?? '/etc/kubernetes/admin.conf';
  if (!existsSync(hostPath(path))) throw new KubeadmError(`failed to load admin kubeconfig: open ${path}: no such file or directory`);
  const loaded = loadKubeconfig(hostPath(path));
  if (!loaded.ok) throw new KubeadmError(loaded.error);
  const reach = await reachApiServer(loaded.config);
  if (!reach.ok) throw new KubeadmError(`failed to create or update bootstrap token: ${reach.message}`);
}

export async function kubeadmToken(args: ParsedArgs, io: Io): Promise<number> {
  const [, verb, value] = args.positional;
  switch (verb) {
    case 'generate':
      io.out(`${generateToken()}\n`);
      return 0;
    case 'create': {
      await connect(args);
      const token = value ?? generateToken();
      if (!TOKEN_PATTERN.test(token)) throw new KubeadmError(`the bootstrap token "${token}" was not of the form "^([a-z0-9]{6})\\.([a-z0-9]{16})$"`);
      const ttl = parseDuration(flag(args, 'ttl') ?? '24h0m0s');
      if (ttl === undefined) throw new KubeadmError(`invalid argument "${flag(args, 'ttl') ?? ''}" for "--ttl" flag: time: invalid duration`);
      const description = flag(args, 'description');
      const result = updateCluster((state) => {
        const entry = addToken(state, token, ttl === 0 ? 0 : ttl || DEFAULT_TTL_MS, description);
        return { entry, cluster: state.cluster };
      });
      if (!result.cluster) throw new KubeadmError('failed to load cluster-info ConfigMap: configmaps "cluster-info" not found');
      const printed = formatToken(result.entry);
      io.out(flag(args, 'print-join-command') !== undefined ? `${joinCommand(result.cluster.endpoint, printed, caCertHash(result.cluster.caCertPem))}\n` : `${printed}\n`);
      return 0;
    }
    case 'list': {
      await connect(args);
      const tokens = updateCluster((state) => liveTokens(state));
      const header = 'TOKEN                     TTL         EXPIRES                USAGES                   DESCRIPTION                                                EXTRA GROUPS\n';
      const rows = tokens.map((t) => `${formatToken(t).padEnd(26)}${formatTtl(t).padEnd(12)}${(t.expires ? t.expires.replace(/\.\d+Z$/, 'Z') : '<never>').padEnd(23)}${t.usages.join(',').padEnd(25)}${(t.description ?? '<none>').padEnd(59)}${t.groups.join(',')}\n`);
      io.out(header + rows.join(''));
      return 0;
    }
    case 'delete': {
      await connect(args);
      if (!value) throw new KubeadmError('missing subcommand; "token delete" is missing token of form "[a-z0-9]{6}" or "[a-z0-9]{6}.[a-z0-9]{16}"');
      const id = value.split('.')[0] ?? '';
      const found = updateCluster((state) => {
        const before = state.tokens.length;
        state.tokens = state.tokens.filter((t) => t.id !== id);
        return state.tokens.length < before;
      });
      if (!found) throw new KubeadmError(`secrets "bootstrap-token-${id}" not found`);
      io.out(`bootstrap token "${id}" deleted\n`);
      return 0;
    }
    default:
      throw new KubeadmError(verb ? `unknown command "${verb}" for "kubeadm token"` : 'missing subcommand; "token" is not meant to be run on its own');
  }
}
