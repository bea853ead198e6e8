// The tooling layer that sits above the machine's / in every lab host:
// stand-ins for what a namespace cannot do (systemd, kernel modules, swap,
// global sysctls), the host's boot-time state, and an Ubuntu-like fstab.
import { mkdir, symlink, writeFile, chmod } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { launcher, writeRuntime } from './bundle.js';
import { CNI_VERSION, CONTAINERD_VERSION, CRI_TOOLS_VERSION, KUBERNETES_VERSIONS } from './package-specs.js';
import { BOOT_MODULES } from '../doubles/kernel-modules.js';
import { hideInstalledStandIns } from './hide-packages.js';

/** Tool name → module in the layer's runtime. */
export const LAYER_TOOLS: Readonly<Record<string, string>> = {
  systemctl: 'systemctl.js',
  journalctl: 'journalctl.js',
  modprobe: 'modprobe.js',
  lsmod: 'lsmod.js',
  sysctl: 'sysctl.js',
  swapoff: 'swapoff.js',
  swapon: 'swapon.js',
};

// The real tools' paths, pointed at the stand-ins: a unit or script naming
// /sbin/modprobe must not load modules into the machine's kernel.
const SHADOWED_REAL_PATHS: Readonly<Record<string, string>> = {
  '/usr/bin/systemctl': '../local/sbin/systemctl',
  '/usr/bin/journalctl': '../local/sbin/journalctl',
  '/usr/sbin/modprobe': '../local/sbin/modprobe',
  '/usr/sbin/lsmod': '../local/sbin/lsmod',
  '/usr/sbin/sysctl': '../local/sbin/sysctl',
  '/usr/sbin/swapoff': '../local/sbin/swapoff',
  '/usr/sbin/swapon': '../local/sbin/swapon',
};

const FSTAB = `# /etc/fstab: static file system information.
#
# Use 'blkid' to print the universally unique identifier for a
# device; this may be used with UUID= as a more robust way to name devices
# that works even if the disk is being reformatted.
#
# <file system> <mount point>   <type>  <options>       <dump>  <pass>
/dev/disk/by-uuid/5d4f0e0a-0b57-4d3c-9d5e-9a1f0c6c8f11 / ext4 defaults 0 1
/swap.img	none	swap	sw	0	0
`;

async function put(root: string, path: string, content: string, mode = 0o644): Promise<void> {
  const target = join(root, path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, content);
  await chmod(target, mode);
}

export async function buildLayer(layerDir: string): Promise<void> {
  const runtime = '/usr/local/lib/deckhand-lab/layer';
  await writeRuntime(join(layerDir, runtime), {
    kubernetes: KUBERNETES_VERSIONS[KUBERNETES_VERSIONS.length - 1] ?? '1.33.4',
    containerd: CONTAINERD_VERSION,
    criTools: CRI_TOOLS_VERSION,
    cni: CNI_VERSION,
  });
  for (const [tool, module] of Object.entries(LAYER_TOOLS)) {
    await put(layerDir, `/usr/local/sbin/${tool}`, launcher(`../lib/deckhand-lab/layer/${module}`), 0o755);
  }
  for (const [path, target] of Object.entries(SHADOWED_REAL_PATHS)) {
    await mkdir(join(layerDir, dirname(path)), { recursive: true });
    await symlink(target, join(layerDir, path));
  }
  await put(layerDir, '/etc/fstab', FSTAB);
  await put(layerDir, '/var/lib/deckhand-lab/swap/active', '/swap.img\n');
  await put(layerDir, '/var/lib/deckhand-lab/modules/loaded', `${BOOT_MODULES.join('\n')}\n`);
  for (const dir of ['/var/lib/deckhand-lab/cluster', '/var/lib/deckhand-lab/systemd', '/etc/systemd/system/multi-user.target.wants']) {
    await mkdir(join(layerDir, dir), { recursive: true });
  }
  await hideInstalledStandIns(layerDir);
}
