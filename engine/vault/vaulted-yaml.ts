// parseYaml for files that may hold vault data: a file vaulted as a whole is decrypted first,
// then every inline `!vault |` value is replaced by its plaintext, so validation and the run see
// plain strings. A drop-in for parseYaml wherever vars may be vaulted (playbooks, vars_files,
// roles' vars/defaults, group_vars/, host_vars/, -e @file).
import { diagnostic, type Diagnostic } from '../errors/diagnostic.js';
import { parseYaml, type YamlFile } from '../source/yaml-file.js';
import { decryptVaultedFile, decryptVaultValues } from './values.js';
import type { VaultPassword } from './vault.js';

export type VaultYamlLoad = { ok: true; file: YamlFile; secrets: string[] } | { ok: false; diagnostics: Diagnostic[] };

const DECRYPTED_HINT = 'line and column are those of the decrypted content';

export function parseVaultedYaml(fileName: string, text: string, passwords: readonly VaultPassword[]): VaultYamlLoad {
  const whole = decryptVaultedFile(text, passwords);
  if (!whole.ok) return { ok: false, diagnostics: [diagnostic(whole.code, `${fileName}: ${whole.message}`)] };
  const parsed = parseYaml(fileName, whole.text);
  if (!parsed.ok) return { ok: false, diagnostics: whole.vaulted ? parsed.diagnostics.map(hidden) : parsed.diagnostics };
  const file = whole.vaulted ? hideExcerpts(parsed.file) : parsed.file;
  const inline = decryptVaultValues(file.value, passwords);
  if (!inline.ok) return { ok: false, diagnostics: [file.at(inline.path, inline.code, inline.message)] };
  const secrets = [...new Set([...whole.secrets, ...inline.secrets])];
  return { ok: true, file: inline.value === file.value ? file : { ...file, value: inline.value }, secrets };
}

/** The source line of a decrypted file is plaintext: never print it in an error. */
function hidden(d: Diagnostic): Diagnostic {
  const { excerpt: _excerpt, ...rest } = d;
  return { ...rest, hint: d.hint ? `${d.hint} (${DECRYPTED_HINT})` : DECRYPTED_HINT };
}

function hideExcerpts(file: YamlFile): YamlFile {
  return { ...file, at: (path, code, message, hint, key) => hidden(file.at(path, code, message, hint, key)) };
}
