// Ansible's boolean() (ansible.module_utils.parsing.convert_bool): the words and numbers that mean
// true or false where a boolean is written as text (k=v arguments, inventory values, keywords).
const TRUE_WORDS: ReadonlySet<string> = new Set(['y', 'yes', 'on', '1', 'true', 't']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['n', 'no', 'off', '0', 'false', 'f']);

/** boolean(v, strict=True): a boolean for Ansible's words (any case), booleans, 1 and 0; else undefined. */
export function ansibleBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : undefined;
  if (typeof v !== 'string') return undefined;
  const word = v.toLowerCase().trim();
  if (TRUE_WORDS.has(word)) return true;
  return FALSE_WORDS.has(word) ? false : undefined;
}

/** boolean(v, strict=False): only a true word, true or 1 is true. */
export function isAnsibleTrue(v: unknown): boolean {
  return ansibleBoolean(v) === true;
}
