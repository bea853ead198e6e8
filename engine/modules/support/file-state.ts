// The file module's decision table, pure: from what the path is (and what src is) and the
// requested state, the action to take or the reason to refuse.
import { decideAttrs, type AttrArgs, type AttrChange } from './file-attrs.js';
import type { PathInfo } from './probe-path.js';

export type FileState = 'file' | 'directory' | 'link' | 'hard' | 'absent' | 'touch';
export type FileAction = 'none' | 'remove' | 'mkdir' | 'touch' | 'link' | 'hard';

export interface FileFacts {
  /** The path itself (symbolic links not followed). */
  readonly self: PathInfo | undefined;
  /** What the path resolves to (same as self unless it is a link). */
  readonly target: PathInfo | undefined;
  /** The link/hard link source, resolved against the link's directory. */
  readonly src?: PathInfo | undefined;
}

export interface FileRequest {
  readonly state: FileState;
  readonly src?: string | undefined;
  readonly attrs: AttrArgs;
  readonly force: boolean;
  readonly follow: boolean;
  /** touch updates times unless both access and modification times are 'preserve'. */
  readonly touchTimes: boolean;
}

export interface FileDecision {
  readonly action: FileAction;
  readonly attrs: AttrChange;
  readonly changed: boolean;
  /** The state before and after, for the diff and the result. */
  readonly before: string;
  readonly after: string;
}

export function stateOf(info: PathInfo | undefined): string {
  if (info === undefined) return 'absent';
  if (info.type === 'directory') return 'directory';
  if (info.type === 'link') return 'link';
  if (info.type === 'file') return info.nlink > 1 ? 'hard' : 'file';
  return info.type;
}

/** Ansible's default: the current state if the path exists, else `file`. */
export function defaultState(facts: FileFacts, recurse: boolean): FileState {
  const s = stateOf(facts.self);
  if (s === 'directory' || s === 'link' || s === 'hard' || s === 'file') return s;
  return recurse ? 'directory' : 'file';
}

export function decideFile(path: string, req: FileRequest, facts: FileFacts): FileDecision | { error: string } {
  const { self } = facts;
  const before = stateOf(self);
  const seen = req.follow && self?.type === 'link' ? facts.target : self;
  const attrsOn = (info: PathInfo | undefined, isDir: boolean, action: FileAction, after: string): FileDecision | { error: string } => {
    // A symbolic link has no mode of its own (chmod would follow it): only owner/group apply.
    const attrs = after === 'link' ? { owner: req.attrs.owner, group: req.attrs.group } : req.attrs;
    const a = decideAttrs(attrs, info, isDir);
    if (!a.ok) return { error: a.msg };
    return { action, attrs: a.change, changed: action !== 'none' || a.changed, before, after };
  };
  switch (req.state) {
    case 'absent':
      return { action: self === undefined ? 'none' : 'remove', attrs: {}, changed: self !== undefined, before, after: 'absent' };
    case 'directory':
      if (seen === undefined) return attrsOn(undefined, true, 'mkdir', 'directory');
      if (seen.type !== 'directory') return { error: `${path} already exists as a ${seen.type}` };
      return attrsOn(seen, true, 'none', 'directory');
    case 'file':
      if (seen === undefined) return { error: `file (${path}) is absent, cannot continue` };
      if (seen.type === 'directory') return { error: `${path} is a directory, not a file` };
      return attrsOn(seen, false, 'none', stateOf(seen));
    case 'touch':
      if (seen === undefined) return attrsOn(undefined, false, 'touch', 'file');
      return attrsOn(seen, seen.type === 'directory', req.touchTimes ? 'touch' : 'none', stateOf(seen));
    case 'link': {
      if (req.src === undefined) return { error: 'src is required for state=link' };
      if (facts.src === undefined && !req.force) {
        return { error: `src file ${req.src} does not exist, use force=yes if you really want to create the link: ${path}` };
      }
      if (self?.type === 'link' && self.linkTarget === req.src) return attrsOn(self, false, 'none', 'link');
      if (self !== undefined && self.type !== 'link' && !req.force) {
        return { error: `refusing to convert from ${before} to symlink for ${path}` };
      }
      // A new link has no mode of its own; owner/group apply to the link (chown -h).
      return attrsOn(undefined, false, 'link', 'link');
    }
    case 'hard': {
      if (req.src === undefined) return { error: 'src is required for state=hard' };
      if (facts.src === undefined) return { error: `src ${req.src} does not exist` };
      if (self !== undefined && self.inode === facts.src.inode && self.dev === facts.src.dev) return attrsOn(self, false, 'none', 'hard');
      if (self !== undefined && !req.force) return { error: `refusing to replace ${before} ${path} with a hard link` };
      return attrsOn(undefined, false, 'hard', 'hard');
    }
  }
}
