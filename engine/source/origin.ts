// Where a node of a YAML file came from, kept so anything inside it can be located later.
import type { DiagnosticCode } from '../errors/codes.js';
import type { Diagnostic } from '../errors/diagnostic.js';
import type { SourcePos } from '../errors/source-text.js';
import type { DataPath, YamlFile } from './yaml-file.js';

/** Where a node came from, able to locate anything inside it later (undefined variables, …). */
export interface Origin {
  readonly file: string;
  readonly pos: SourcePos;
  /** A diagnostic at a path relative to this node (e.g. ['copy', 'dest']). */
  at(path: DataPath, code: DiagnosticCode, message: string, hint?: string): Diagnostic;
}

export function originOf(file: YamlFile, base: DataPath): Origin {
  return {
    file: file.source.file,
    pos: file.posOf(base),
    at: (path, code, message, hint) => file.at([...base, ...path], code, message, hint),
  };
}
