// Ansible's spellings of booleans in text (k=v arguments, inventory values, environment).
const TRUE_WORDS: ReadonlySet<string> = new Set(['yes', 'true', 'on', '1', 'y']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['no', 'false', 'off', '0', 'n']);

export function isTrueWord(s: string): boolean {
  return TRUE_WORDS.has(s.trim().toLowerCase());
}

export function isFalseWord(s: string): boolean {
  return FALSE_WORDS.has(s.trim().toLowerCase());
}
