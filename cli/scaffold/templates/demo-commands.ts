import type { DemoDepartment } from '../demo-department';
import type { KindNames } from '../names';

/** `demo.commands.json`: one start the stack publishes when it starts with demo data. */
export function demoCommandsFile(n: KindNames, department: DemoDepartment): string {
  const command = {
    subject: `gl.cmd.${n.aggregate}.start`,
    body: {
      id: `${n.folder}-demo-1`,
      title: `A first ${n.words}, for the demo`,
      departmentId: department.id,
      details: `Started by the demo data, for ${department.name} to review.`,
    },
  };
  return `${JSON.stringify([command], null, 2)}\n`;
}
