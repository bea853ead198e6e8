// JSON Schemas for the playbook's own keywords (plays, blocks, tasks, handlers, role entries).
// Module arguments are validated separately, against each module's schema.
import type { JsonSchema } from '../modules/types.js';

const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;
const strOrBool = { type: ['string', 'boolean'] } as const;
const strList = { type: 'array', items: { type: 'string' } } as const;
const strOrList = { anyOf: [str, strList] } as const;
const condition = { anyOf: [strOrBool, { type: 'array', items: strOrBool }] } as const;
const vars = { type: ['object', 'null'] } as const;
const intOrTemplate = { type: ['integer', 'string'] } as const;
const env = { type: ['object', 'string'] } as const;

/** Keywords shared by plays, blocks and tasks (Ansible's Base/Conditional/Taggable/Become). */
const common = {
  name: str,
  tags: { anyOf: [str, { type: 'array', items: { type: ['string', 'number'] } }, { type: 'number' }] },
  when: condition,
  vars,
  become: bool,
  become_user: str,
  become_method: { enum: ['sudo'] },
  environment: env,
  ignore_errors: strOrBool,
  ignore_unreachable: bool,
  no_log: strOrBool,
  check_mode: strOrBool,
  diff: bool,
  any_errors_fatal: bool,
  run_once: bool,
  delegate_to: str,
  remote_user: str,
  connection: str,
  throttle: intOrTemplate,
  timeout: intOrTemplate,
  module_defaults: { type: 'object' },
  collections: strList,
} as const;

export const TASK_KEYWORDS = {
  ...common,
  register: str,
  loop: { type: ['string', 'array'] },
  with_items: { type: ['string', 'array'] },
  with_list: { type: ['string', 'array'] },
  loop_control: {
    type: 'object',
    additionalProperties: false,
    properties: { loop_var: str, index_var: str, label: str, pause: { type: ['number', 'string'] }, extended: bool },
  },
  changed_when: condition,
  failed_when: condition,
  until: condition,
  retries: intOrTemplate,
  delay: { type: ['number', 'string'] },
  notify: strOrList,
  listen: strOrList,
  args: { type: 'object' },
  delegate_facts: bool,
  async: intOrTemplate,
  poll: intOrTemplate,
} as const;

export const BLOCK_KEYWORDS = {
  ...common,
  block: { type: 'array' },
  rescue: { type: ['array', 'null'] },
  always: { type: ['array', 'null'] },
} as const;

const roleEntry = {
  anyOf: [
    str,
    {
      type: 'object',
      properties: { role: str, name: str, tags: common.tags, vars, when: condition, become: bool, become_user: str },
      // Ansible lets role parameters sit beside `role:`; they become role vars.
      additionalProperties: true,
    },
  ],
} as const;

export const PLAY_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['hosts'],
  additionalProperties: false,
  properties: {
    ...common,
    hosts: strOrList,
    vars_files: strOrList,
    vars_prompt: { type: 'array' },
    roles: { type: ['array', 'null'], items: roleEntry },
    pre_tasks: { type: ['array', 'null'] },
    tasks: { type: ['array', 'null'] },
    post_tasks: { type: ['array', 'null'] },
    handlers: { type: ['array', 'null'] },
    gather_facts: bool,
    serial: { anyOf: [{ type: ['integer', 'string'] }, { type: 'array', items: { type: ['integer', 'string'] } }] },
    max_fail_percentage: { type: ['number', 'string'] },
    strategy: { enum: ['linear'] },
    force_handlers: bool,
    order: { enum: ['inventory', 'sorted', 'reverse_sorted', 'reverse_inventory'] },
    port: { type: 'integer' },
  },
};

export const IMPORT_PLAYBOOK_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['import_playbook'],
  additionalProperties: false,
  properties: { import_playbook: str, name: str, vars, when: condition, tags: common.tags },
};

export const BLOCK_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['block'],
  additionalProperties: false,
  properties: BLOCK_KEYWORDS,
};

/** Task keywords only: the module key is removed before validation. */
export const TASK_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: TASK_KEYWORDS,
};

export const ROLE_META_SCHEMA: JsonSchema = {
  type: ['object', 'null'],
  properties: {
    dependencies: { type: ['array', 'null'], items: roleEntry },
    galaxy_info: { type: 'object' },
    allow_duplicates: bool,
    argument_specs: { type: 'object' },
  },
  additionalProperties: false,
};

export const VARS_FILE_SCHEMA: JsonSchema = { type: ['object', 'null'] };
