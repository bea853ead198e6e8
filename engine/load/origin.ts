import type { Origin } from '../model/types.js';
import type { DataPath, YamlFile } from './yaml-file.js';

export function originOf(file: YamlFile, base: DataPath): Origin {
  return {
    file: file.source.file,
    pos: file.posOf(base),
    at: (path, code, message, hint) => file.at([...base, ...path], code, message, hint),
  };
}
