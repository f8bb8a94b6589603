// Chinese and English words for the generated market: occupations and skills per alliance, cities, names.
export type Occupation = { zh: string, en: string, skills: readonly string[] }

export const OCCUPATIONS: Record<string, readonly Occupation[]> = {
  equipment: [
    { zh: '数控车工', en: 'CNC lathe operator', skills: ['数控', 'cnc-machining', '机械制图', 'quality-inspection'] },
    { zh: '焊工', en: 'welder', skills: ['焊接', 'welding', '安全生产'] },
    { zh: '装配钳工', en: 'assembly fitter', skills: ['assembly', '钳工', '机械制图'] },
    { zh: '维修电工', en: 'maintenance electrician', skills: ['PLC', '电气控制', 'safety'] },
    { zh: '质检员', en: 'quality inspector', skills: ['质量检测', 'quality-inspection', 'CMM'] },
    { zh: '工业机器人操作员', en: 'industrial robot operator', skills: ['工业机器人', 'PLC', 'robot-programming'] },
    { zh: '汽车装调工', en: 'automotive assembly technician', skills: ['assembly', '汽车电子', 'quality-inspection'] },
    { zh: '模具工', en: 'die and mould maker', skills: ['模具', 'cnc-machining', '机械制图'] }
  ],
  petrochemical: [
    { zh: '化工操作工', en: 'chemical process operator', skills: ['化工操作', 'chemical-process', '安全生产'] },
    { zh: '化学检验员', en: 'laboratory analyst', skills: ['laboratory-analysis', '化学分析', 'quality-inspection'] },
    { zh: '仪表维修工', en: 'instrument technician', skills: ['仪表', 'DCS', 'PLC'] },
    { zh: '中控操作员', en: 'DCS control room operator', skills: ['DCS', '化工操作', 'safety'] },
    { zh: '安全员', en: 'safety officer', skills: ['safety', '安全生产', 'HSE'] },
    { zh: '设备维护工', en: 'equipment maintenance technician', skills: ['设备维护', 'mechanical-maintenance', 'safety'] }
  ],
  aluminum: [
    { zh: '铝合金熔铸工', en: 'aluminum casting operator', skills: ['熔铸', 'casting', '安全生产'] },
    { zh: '挤压工', en: 'extrusion press operator', skills: ['挤压', 'extrusion', 'quality-inspection'] },
    { zh: '热处理工', en: 'heat treatment operator', skills: ['热处理', 'heat-treatment', '质量检测'] },
    { zh: '表面处理工', en: 'anodizing and surface finishing operator', skills: ['表面处理', 'anodizing', 'safety'] },
    { zh: '数控铣工', en: 'CNC milling operator', skills: ['数控', 'cnc-machining', '机械制图'] },
    { zh: '焊工', en: 'aluminum welder', skills: ['焊接', 'welding', 'TIG'] }
  ]
}

export const ALLIANCE_CODES = ['equipment', 'petrochemical', 'aluminum'] as const

export const CITIES = [
  { zh: '宁波', en: 'Ningbo' }, { zh: '舟山', en: 'Zhoushan' }, { zh: '绍兴', en: 'Shaoxing' },
  { zh: '台州', en: 'Taizhou' }, { zh: '杭州', en: 'Hangzhou' }, { zh: '温州', en: 'Wenzhou' },
  { zh: '嘉兴', en: 'Jiaxing' }, { zh: '湖州', en: 'Huzhou' }, { zh: '慈溪', en: 'Cixi' }, { zh: '余姚', en: 'Yuyao' }
] as const

export const ENTERPRISE_WORDS = ['精工', '恒通', '华东', '永盛', '东方', '远大', '海天', '宏达', '金田', '新材', '博威', '均胜', '明峰', '长荣', '瑞丰', '天成']
export const ENTERPRISE_SUFFIXES = ['机械有限公司', '汽车零部件有限公司', '化工股份公司', '精细化工有限公司', '铝业有限公司', '合金材料有限公司', '装备制造有限公司', '石化有限公司']
export const ENTERPRISE_EN = ['Precision', 'Eastport', 'Harbor', 'Northbay', 'Seaside', 'Greenfield', 'Summit', 'Lakeshore']
export const INDUSTRIES = ['auto parts', 'machine tools', 'fine chemicals', 'aromatics', 'aluminum processing', 'equipment manufacturing']

export const COLLEGE_WORDS = ['机电', '工贸', '交通', '化工', '城市', '海洋', '科技', '信息', '轻工', '建设']
export const COLLEGE_SUFFIXES = ['职业技术学院', '技师学院', '高级技工学校', '职业学校', '技工学校']

export const FAMILY_NAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高']
export const GIVEN_NAMES = ['伟', '芳', '娜', '敏', '静', '磊', '强', '洋', '勇', '军', '杰', '涛', '明', '超', '霞', '平', '刚', '桂英', '志强', '晓东', '海燕', '建华']

export const TITLE_TEMPLATES_ZH = [
  (o: Occupation, city: string, n: number) => `${city}${o.zh}定向培养${n}人`,
  (o: Occupation, city: string, n: number) => `招聘并培训${o.zh}${n}名（${city}）`,
  (o: Occupation, _city: string, n: number) => `${o.zh}订单班 ${n} 人 / ${o.en} cohort`,
  (o: Occupation, city: string) => `${city}新产线${o.zh}岗前培训`
]

export const TITLE_TEMPLATES_EN = [
  (o: Occupation, city: string, n: number) => `${n} ${o.en}s for our ${city} plant`,
  (o: Occupation, city: string) => `${o.en} training program, ${city}`
]

export const DESCRIPTION_TEMPLATES = [
  (o: Occupation, city: string) => `面向${city}生产基地，培养${o.zh}，要求掌握${o.skills.join('、')}。`,
  (o: Occupation) => `Trainees learn ${o.skills.join(', ')} on the shop floor; ${o.en}s are hired after the program.`,
  (o: Occupation, city: string) => `${o.zh}岗位需求，理论与实操结合，结业后在${city}就业。We hire graduates.`
]

export const CURRICULUM_TITLES = ['安全生产与职业健康', '识图与工艺基础', 'Shop-floor practice', '设备操作实训', 'Quality systems', '企业顶岗实习']
