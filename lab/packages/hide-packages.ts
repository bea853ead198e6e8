// A lab host starts as a copy of the machine, which may already have a real
// kubectl, containerd or runc installed (this one has Google Cloud SDK's
// kubectl, epoch 1:). Left visible, apt would call the stand-in "older" and
// the real binary would be used. The layer therefore shadows dpkg's status
// without those packages and hides their files with overlayfs whiteouts
// (character devices 0/0), as if the host had never had them.
import { execFile } from 'node:child_process';
import { lstat, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const HIDDEN_PACKAGES = ['kubectl', 'kubeadm', 'kubelet', 'cri-tools', 'kubernetes-cni', 'containerd', 'containerd.io', 'runc', 'docker.io', 'docker-ce', 'docker-ce-cli'];

const STATUS = '/var/lib/dpkg/status';
const INFO = '/var/lib/dpkg/info';

async function tryRead(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Returns the names of the packages hidden from the layer's view of dpkg. */
export async function hideInstalledStandIns(layerDir: string, machineRoot = '/'): Promise<string[]> {
  const status = await tryRead(join(machineRoot, STATUS));
  if (status === undefined) return [];
  const stanzas = status.split(/\n\n+/);
  const nameOf = (stanza: string): string => /^Package: (\S+)$/m.exec(stanza)?.[1] ?? '';
  const hidden = stanzas.map(nameOf).filter((name) => HIDDEN_PACKAGES.includes(name));
  if (hidden.length === 0) return [];
  const kept = stanzas.filter((s) => !hidden.includes(nameOf(s)));
  await mkdir(join(layerDir, dirname(STATUS)), { recursive: true });
  await writeFile(join(layerDir, STATUS), `${kept.join('\n\n').trimEnd()}\n`);

  const whiteouts: string[] = [];
  for (const pkg of hidden) {
    const list = (await tryRead(join(machineRoot, INFO, `${pkg}.list`))) ?? (await tryRead(join(machineRoot, INFO, `${pkg}:amd64.list`))) ?? '';
    for (const path of list.split('\n').filter(Boolean)) {
      const stat = await lstat(join(machineRoot, path)).catch(() => undefined);
      if (stat && !stat.isDirectory()) whiteouts.push(path);
    }
    for (const suffix of ['list', 'md5sums', 'postinst', 'prerm', 'postrm', 'preinst', 'conffiles']) {
      for (const name of [`${pkg}.${suffix}`, `${pkg}:amd64.${suffix}`]) {
        if (await lstat(join(machineRoot, INFO, name)).catch(() => undefined)) whiteouts.push(join(INFO, name));
      }
    }
  }
  for (const path of whiteouts) await mkdir(join(layerDir, dirname(path)), { recursive: true });
  // Whiteouts need mknod (root); without it apt still sees the stand-ins as installable.
  await run('sh', ['-c', 'for p in "$@"; do mknod "$p" c 0 0 2>/dev/null || true; done', 'sh', ...whiteouts.map((p) => join(layerDir, p))]).catch(() => undefined);
  return hidden;
}
