// Whether bytes are text worth showing in a diff.
const MAX_DIFF = 1 << 20;

export function asText(bytes: Uint8Array): string | undefined {
  if (bytes.length > MAX_DIFF || bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function isShowable(text: string | undefined): text is string {
  return text !== undefined && text.length <= MAX_DIFF && !text.includes('\0') && !text.includes('\uFFFD');
}
