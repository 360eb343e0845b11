import type { DemoDepartment } from '../demo-department';
import type { KindNames } from '../names';

/**
 * `demo.commands.json`: one start the stack publishes when it starts with demo data, in the words
 * a district would use: the demo is read on zh-CN pages.
 */
export function demoCommandsFile(n: KindNames, department: DemoDepartment): string {
  const command = {
    subject: `gl.cmd.${n.aggregate}.start`,
    body: {
      id: `${n.folder}-demo-1`,
      title: `演示：请${department.name}审查的第一件事项`,
      departmentId: department.id,
      details: `由演示数据发起，请${department.name}审查。`,
    },
  };
  return `${JSON.stringify([command], null, 2)}\n`;
}
