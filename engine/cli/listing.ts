// --list-hosts, --list-tasks and --list-tags, in ansible-playbook's layout.
import type { PlayPlan } from '../plan/plan.js';
import { displayName, flattenTasks } from '../plan/plan.js';

export interface PlayHosts {
  readonly plan: PlayPlan;
  readonly hosts: readonly string[];
}

const tagText = (tags: readonly string[]): string => `[${[...tags].sort().join(', ')}]`;

function playHeader(p: PlayPlan): string {
  return `  play #${p.play.index} (${p.play.hosts}): ${p.play.name}\tTAGS: ${tagText(p.play.tags)}`;
}

export function listHosts(playbook: string, plays: readonly PlayHosts[]): string {
  const lines = ['', `playbook: ${playbook}`];
  for (const { plan, hosts } of plays) {
    lines.push('', playHeader(plan), `    pattern: ['${plan.play.hosts}']`, `    hosts (${hosts.length}):`);
    for (const h of hosts) lines.push(`      ${h}`);
  }
  return `${lines.join('\n')}\n`;
}

export function listTasks(playbook: string, plays: readonly PlayPlan[]): string {
  const lines = ['', `playbook: ${playbook}`];
  for (const plan of plays) {
    lines.push('', playHeader(plan), '    tasks:');
    for (const section of plan.sections) {
      for (const t of flattenTasks(section.tasks)) lines.push(`      ${displayName(t)}\tTAGS: ${tagText(t.tags)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function listTags(playbook: string, plays: readonly PlayPlan[]): string {
  const lines = ['', `playbook: ${playbook}`];
  for (const plan of plays) {
    const tags = new Set<string>(plan.play.tags);
    for (const s of plan.sections) for (const t of flattenTasks(s.tasks)) for (const tag of t.tags) tags.add(tag);
    lines.push('', playHeader(plan), `      TASK TAGS: ${tagText([...tags])}`);
  }
  return `${lines.join('\n')}\n`;
}
