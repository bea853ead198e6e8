// Ansible's tag selection: --tags / --skip-tags with the special tags always, never, tagged,
// untagged and all. Pure, so the table of cases in the tests is the specification.

export interface TagSelection {
  readonly only: readonly string[];
  readonly skip: readonly string[];
}

export const ALL_TAGS: TagSelection = { only: ['all'], skip: [] };

export function isSelected(taskTags: readonly string[], sel: TagSelection): boolean {
  const tags = new Set(taskTags);
  return passesOnly(tags, new Set(sel.only.length ? sel.only : ['all'])) && !isSkipped(tags, new Set(sel.skip));
}

function passesOnly(tags: Set<string>, only: Set<string>): boolean {
  // `always` runs whatever --tags says (only --skip-tags always stops it), as in Ansible.
  if (tags.has('always')) return true;
  const own = [...tags].filter((t) => t !== 'always' && t !== 'never');
  if (own.some((t) => only.has(t))) return true;
  if (tags.has('never')) return only.has('never');
  if (only.has('all')) return true;
  if (only.has('tagged') && own.length > 0) return true;
  if (only.has('untagged') && own.length === 0 && !tags.has('always')) return true;
  return false;
}

function isSkipped(tags: Set<string>, skip: Set<string>): boolean {
  if (skip.size === 0) return false;
  if ([...tags].some((t) => skip.has(t))) return true;
  const own = [...tags].filter((t) => t !== 'always' && t !== 'never');
  if (skip.has('tagged') && own.length > 0) return true;
  if (skip.has('untagged') && tags.size === 0) return true;
  return skip.has('all') && !tags.has('always');
}
