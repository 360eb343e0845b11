/** How the workbench shows an enterprise request: what the enterprise asked, in its words. */
import type { Presentation } from '../definition';

export const presentation: Presentation = {
  name: '企业诉求',
  facts: [
    { label: '企业', path: 'enterpriseName' },
    {
      label: '类别', path: 'category',
      values: { financing: '贷款融资', propertyServices: '物业服务', tax: '税收', parkingAndTraffic: '停车与交通', permits: '审批许可', other: '其他' },
    },
    { label: '诉求内容', path: 'description', as: 'paragraph' },
    { label: '红小二', path: 'liaisonId', as: 'person' },
    { label: '承办部门', path: 'departmentId', as: 'department' },
  ],
  events: {
    submitted: '已提交', routed: '已分派', transferred: '已转办', resolved: '已办结', confirmed: '红小二已回访确认',
    reopened: '不满意，升级重办', escalated: '仍不满意，报挂点领导', closed: '已关闭',
  },
  statuses: { routing: '分派中', handling: '办理中', confirming: '待红小二回访确认', closed: '已办结' },
};
