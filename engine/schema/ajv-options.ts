// The one set of ajv options, shared by the validators compiled at run time and those generated
// at build time (engine/schema/build-validators.ts), so both behave alike.
export const AJV_OPTIONS = { strict: true, allErrors: true, allowUnionTypes: true, useDefaults: false } as const;
