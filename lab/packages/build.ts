// The lab's artefacts: the tooling layer (buildLabLayer) and the signed apt
// repositories with the stand-in packages (buildLabRepos). The repositories
// are laid out as the real ones are, so roles use the same apt lines with
// the lab's base URL; docs/lab-doubles.md lists them.
import { link, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packagesIndex, releaseText, writePackages, writeSignedRelease } from './apt-repo.js';
import { cachedDebs, storeDebs } from './deb-cache.js';
import { packDeb, stageDeb, type BuiltDeb } from './deb-builder.js';
import { FLANNEL_VERSION, flannelManifest } from './flannel-manifest.js';
import { forEachLimited } from '../for-each-limited.js';
import { buildLayer } from './lab-layer.js';
import { packageSpecs } from './package-specs.js';
import { RepoSigner } from './repo-signing.js';

/** Docker's suites the lab serves (Ubuntu and Debian codenames), all with the same packages. */
export const DOCKER_SUITES = ['noble', 'jammy', 'bookworm'];
export const K8S_MINOR = 'v1.33';
export const K8S_REPO_PATH = `k8s/core:/stable:/${K8S_MINOR}/deb`;
export const FLANNEL_PATH = `flannel-io/flannel/releases/download/${FLANNEL_VERSION}/kube-flannel.yml`;
const PACK_CONCURRENCY = 4;

export async function buildLabLayer(layerDir: string): Promise<void> {
  await buildLayer(layerDir);
}

export interface BuildOptions {
  /** false: build every .deb afresh and leave the cache as it is. */
  readonly cache?: boolean;
}

/** Every stand-in .deb in `outDir` (from the cache when the code is unchanged). */
export async function buildDebs(outDir: string, options: BuildOptions = {}): Promise<BuiltDeb[]> {
  const useCache = options.cache ?? true;
  const cached = useCache ? await cachedDebs(outDir) : undefined;
  if (cached?.debs) return cached.debs;
  const work = await mkdtemp(join(tmpdir(), 'dh-debs-'));
  try {
    const specs = packageSpecs();
    const debs: BuiltDeb[] = [];
    // Stages share no files (see stageDeb), so each package is staged,
    // packed and removed on its own; a few at a time keeps disk use and
    // load small. forEachLimited lets every task settle before the work
    // directory goes.
    await forEachLimited(specs, PACK_CONCURRENCY, async (spec, i) => {
      debs[i] = await packDeb(spec, await stageDeb(spec, work), outDir);
    });
    if (cached) await storeDebs(cached.key, debs);
    return debs;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export async function buildLabRepos(repoDir: string, options: BuildOptions = {}): Promise<void> {
  const pool = join(repoDir, '.pool');
  const debs = await buildDebs(pool, options);
  const signer = await RepoSigner.create();
  try {
    const dockerKey = await signer.newKey('deckhand lab Docker-like repository <docker-repo@lab.deckhand.invalid>');
    const k8sKey = await signer.newKey('deckhand lab pkgs.k8s.io-like repository <k8s-repo@lab.deckhand.invalid>');
    await writeDockerRepo(join(repoDir, 'docker'), debs.filter((d) => d.spec.name === 'containerd.io'), signer, dockerKey);
    await writeK8sRepo(join(repoDir, K8S_REPO_PATH), debs.filter((d) => d.spec.name !== 'containerd.io'), signer, k8sKey);
  } finally {
    await signer.close();
    await rm(pool, { recursive: true, force: true });
  }
  await mkdir(join(repoDir, FLANNEL_PATH, '..'), { recursive: true });
  await writeFile(join(repoDir, FLANNEL_PATH), flannelManifest());
}

/** download.docker.com/linux/ubuntu's layout: dists/<suite>/{Release,stable/binary-amd64,pool/stable/amd64}. */
async function writeDockerRepo(base: string, debs: readonly BuiltDeb[], signer: RepoSigner, fpr: string): Promise<void> {
  await mkdir(base, { recursive: true });
  await writeFile(join(base, 'gpg'), await signer.publicKey(fpr, true));
  for (const suite of DOCKER_SUITES) {
    const dist = join(base, 'dists', suite);
    const poolDir = join(dist, 'pool/stable/amd64');
    await mkdir(poolDir, { recursive: true });
    for (const deb of debs) await link(deb.file, join(poolDir, deb.fileName));
    const index = packagesIndex(debs, (d) => `dists/${suite}/pool/stable/amd64/${d.fileName}`);
    const files = await writePackages(dist, 'stable/binary-amd64', index);
    const release = releaseText(
      [['Origin', 'Docker'], ['Label', 'Docker CE'], ['Suite', suite], ['Codename', suite], ['Architectures', 'amd64'], ['Components', 'stable'], ['Description', `Docker CE packages for ${suite} (deckhand lab stand-in)`]],
      files,
    );
    await writeSignedRelease(dist, release, signer, fpr);
  }
}

/** pkgs.k8s.io's flat layout: <base>/{Release.key,InRelease,Packages,<arch>/*.deb}, apt line "<base>/ /". */
async function writeK8sRepo(base: string, debs: readonly BuiltDeb[], signer: RepoSigner, fpr: string): Promise<void> {
  await mkdir(join(base, 'amd64'), { recursive: true });
  await writeFile(join(base, 'Release.key'), await signer.publicKey(fpr, true));
  for (const deb of debs) await link(deb.file, join(base, 'amd64', deb.fileName));
  const files = await writePackages(base, '', packagesIndex(debs, (d) => `amd64/${d.fileName}`));
  const release = releaseText(
    [['Origin', `obs://build.opensuse.org/isv:kubernetes:core:stable:${K8S_MINOR}/deb`], ['Label', `isv:kubernetes:core:stable:${K8S_MINOR}`], ['Architectures', 'amd64 all']],
    files,
  );
  await writeSignedRelease(base, release, signer, fpr);
}
