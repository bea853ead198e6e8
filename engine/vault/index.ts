// Ansible Vault: formats 1.1 and 1.2, password sources, and decryption of loaded data.
export { DEFAULT_LABEL, VAULT_HEADER } from './envelope.js';
export { askVaultPassword, readVaultPasswordFile, type PasswordRead, type PromptStreams } from './passwords.js';
export { loadVaultPasswords, parseVaultId, type VaultIdSpec, type VaultSourceOptions, type VaultSources } from './sources.js';
export { parseVaultedYaml, type VaultYamlLoad } from './vaulted-yaml.js';
export { decryptVaultedFile, decryptVaultValues, secretsOf, type VaultedFile, type VaultValues } from './values.js';
export {
  decryptVault,
  encryptVault,
  isVaulted,
  type EncryptOptions,
  type VaultDecrypt,
  type VaultErrorCode,
  type VaultFailure,
  type VaultPassword,
} from './vault.js';
