// The template layer: `{{ … }}` in task arguments and template files, on handlebars.
// docs/templates.md is the user's guide.
export { hasTemplate, renderFile, renderString, renderValue } from './render.js';
export type { HostVars, RenderResult, TemplateError, TemplateErrorCode, VarEntry, VarSource } from './types.js';
