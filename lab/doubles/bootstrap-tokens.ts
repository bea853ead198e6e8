// Bootstrap tokens ([a-z0-9]{6}.[a-z0-9]{16}), stored in the cluster with
// an expiry (24 h unless --ttl says otherwise), as kubeadm creates them.
import { randomInt } from 'node:crypto';
import type { BootstrapToken, ClusterState } from './cluster-store.js';

export const TOKEN_PATTERN = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;
export const DEFAULT_TTL_MS = 24 * 3600 * 1000;

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomString(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

export function generateToken(): string {
  return `${randomString(6)}.${randomString(16)}`;
}

export function addToken(state: ClusterState, token: string, ttlMs: number, description?: string): BootstrapToken {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) throw new Error(`the bootstrap token is invalid`);
  const entry: BootstrapToken = {
    id: match[1] ?? '',
    secret: match[2] ?? '',
    expires: ttlMs > 0 ? new Date(Date.now() + ttlMs).toISOString() : null,
    usages: ['authentication', 'signing'],
    groups: ['system:bootstrappers:kubeadm:default-node-token'],
    ...(description ? { description } : {}),
  };
  state.tokens = [...state.tokens.filter((t) => t.id !== entry.id), entry];
  return entry;
}

export function isExpired(token: BootstrapToken, now = Date.now()): boolean {
  return token.expires !== null && Date.parse(token.expires) <= now;
}

/** Expired tokens are removed by the token cleaner in a real cluster. */
export function liveTokens(state: ClusterState, now = Date.now()): BootstrapToken[] {
  return state.tokens.filter((t) => !isExpired(t, now));
}

export function findLiveToken(state: ClusterState, token: string, now = Date.now()): BootstrapToken | undefined {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return undefined;
  return liveTokens(state, now).find((t) => t.id === match[1] && t.secret === match[2]);
}

export function formatToken(token: BootstrapToken): string {
  return `${token.id}.${token.secret}`;
}

/** "23h", "59m", "<forever>" as `kubeadm token list` prints TTLs. */
export function formatTtl(token: BootstrapToken, now = Date.now()): string {
  if (token.expires === null) return '<forever>';
  const ms = Date.parse(token.expires) - now;
  const hours = Math.floor(ms / 3_600_000);
  if (hours >= 1) return `${hours}h`;
  const minutes = Math.floor(ms / 60_000);
  return minutes >= 1 ? `${minutes}m` : `${Math.max(0, Math.floor(ms / 1000))}s`;
}

export function joinCommand(endpoint: string, token: string, caHash: string): string {
  // Real kubeadm ends this line with a space; parsers that split on it must cope.
  return `kubeadm join ${endpoint} --token ${token} --discovery-token-ca-cert-hash ${caHash} `;
}
