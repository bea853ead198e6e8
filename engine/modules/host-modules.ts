// Every module that runs on a target host, in one list for the registry.
import type { AnyModule } from './types.js';
import { apt } from './apt.js';
import { blockinfile } from './blockinfile.js';
import { command } from './command.js';
import { copy } from './copy.js';
import { deb822Repository } from './deb822-repository.js';
import { dpkgSelections } from './dpkg-selections.js';
import { file } from './file.js';
import { getUrl } from './get-url.js';
import { k8sApply } from './k8s-apply.js';
import { lineinfile } from './lineinfile.js';
import { modprobe } from './modprobe.js';
import { mount } from './mount.js';
import { raw } from './raw.js';
import { replace } from './replace.js';
import { setup } from './setup.js';
import { shell } from './shell.js';
import { stat } from './stat.js';
import { sysctl } from './sysctl.js';
import { systemd } from './systemd.js';
import { template } from './template.js';
import { uri } from './uri.js';
import { waitForModule } from './wait-for.js';

export const hostModules: readonly AnyModule[] = [
  command, shell, raw,
  copy, template, file, lineinfile, blockinfile, replace, stat,
  apt, dpkgSelections, deb822Repository, getUrl,
  systemd, sysctl, modprobe, mount,
  waitForModule, uri, k8sApply, setup,
];
