// The `quote` helper uses the connection layer's quoting, so there is one definition of how a
// value becomes a shell word (and NUL bytes, which no shell word can hold, are refused there).
export { shellQuote } from '../connection/shell-quote.js';
