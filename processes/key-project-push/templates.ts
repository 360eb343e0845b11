/**
 * The chains' templates (节点模板), as data: a template is the nodes in order, each with its
 * name and the nodes it follows. A project names a template and gives each node it keeps its
 * department, person and date; a node the template lacks is given a name of its own.
 *
 * `standard` follows the national approval framework (国办发〔2018〕33号: 立项用地规划许可 →
 * 工程建设许可 → 施工许可 → 竣工验收) and the milestones the district follows after it (开工,
 * 入库纳统, 主体完工, 投产). A district adds its own template as another entry here.
 *
 * Plain data, no zod: the workflow reads it too.
 */
export interface TemplateNode {
  key: string;
  name: string;
  dependsOn: readonly string[];
}

export interface ChainTemplate {
  name: string;
  nodes: readonly TemplateNode[];
}

export const templates: Readonly<Record<string, ChainTemplate>> = {
  standard: {
    name: '工程建设项目审批流程（国办发〔2018〕33号）及建设里程碑',
    nodes: [
      { key: 'establishment', name: '立项（审批/核准/备案）', dependsOn: [] },
      { key: 'land-siting', name: '用地预审与选址', dependsOn: [] },
      { key: 'feasibility', name: '可研批复', dependsOn: ['establishment', 'land-siting'] },
      { key: 'environment', name: '环评/节能审查/水保', dependsOn: ['establishment'] },
      { key: 'land-supply', name: '供地与用地规划许可', dependsOn: ['land-siting'] },
      { key: 'design-review', name: '设计方案审查', dependsOn: ['land-supply'] },
      { key: 'planning-permit', name: '工程规划许可', dependsOn: ['design-review'] },
      { key: 'drawing-review', name: '施工图审查', dependsOn: ['planning-permit'] },
      { key: 'tender', name: '招标', dependsOn: ['feasibility'] },
      { key: 'construction-permit', name: '施工许可', dependsOn: ['drawing-review', 'tender'] },
      { key: 'start', name: '实质性开工', dependsOn: ['construction-permit'] },
      { key: 'statistics', name: '入库纳统', dependsOn: ['start'] },
      { key: 'structure', name: '主体完工', dependsOn: ['start'] },
      { key: 'acceptance', name: '竣工验收备案', dependsOn: ['structure'] },
      { key: 'operation', name: '投产/投运', dependsOn: ['acceptance'] },
    ],
  },
};

/** The node that marks the start of construction: a project planned to start is visited until it is done. */
export const START_NODE = 'start';
