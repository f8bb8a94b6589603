// Coherent request examples for the OpenAPI document: one training order (equipment alliance, autumn 2027) and what follows it.
export const orderExample = {
  allianceCode: 'equipment',
  title: '数控车床操作工定向培养班',
  occupation: '数控车工',
  description: '为变速箱壳体产线培养数控车床操作工 40 名，结业考核合格者择优录用 30 名。',
  skills: ['cnc-machining', '机械识图'],
  headcount: 40,
  location: '宁波北仑',
  trainingStart: '2027-09-01',
  trainingEnd: '2027-12-31',
  bidDeadline: '2027-06-30T16:00:00.000Z',
  budgetPerTrainee: 8000,
  hiringCommitment: { positions: 30, monthlySalaryMin: 6500, monthlySalaryMax: 9000 },
  minBids: 2,
  questionDeadline: '2027-06-20T16:00:00.000Z'
}

export const orderPatchExample = { description: '增加夜班实训安排；结业后录用 30 名。', bidDeadline: '2027-07-15T16:00:00.000Z' }

export const bidExample = {
  cohortSize: 20,
  startDate: '2027-09-06',
  durationWeeks: 16,
  pricePerTrainee: 7500,
  curriculum: [
    { title: '机械识图与公差配合', hours: 40, kind: 'theory' },
    { title: '数控车床编程与操作', hours: 200, kind: 'practice', certificate: '数控车工（四级）' },
    { title: '企业顶岗实习', hours: 160, kind: 'internship' }
  ],
  message: '我院数控实训中心有 30 台数控车床，十年订单培养经验。'
}

export const bidPatchExample = { pricePerTrainee: 7200, message: '价格按 20 人班调整。' }
export const proposeMatchExample = { bidId: '0194f3b2-8c1e-7a55-9e2b-3f6d1c0a7b21', seats: 20 }
export const enrolExample = { trainees: [{ name: '王小明', studentNo: '2027NB0101' }, { name: '李娜', studentNo: '2027NB0102' }] }
export const reasonExample = { reason: '培养方案与岗位要求不符，请补充实操课时。' }
export const cancelOrderExample = { reason: '产线改造推迟，本期订单取消。' }
export const cancelCohortExample = { reason: '合作企业停产，本期培训终止。' }
export const approveMatchExample = { note: '资质审核通过。' }
export const traineeStatusExample = { status: 'completed' }
export const rosterUpdateExample = { updates: [{ traineeId: '0194f3b2-9d20-7c11-8a3e-5b7c2d1e0f42', status: 'completed' }, { traineeId: '0194f3b2-9d20-7c11-8a3e-5b7c2d1e0f43', status: 'dropped' }] }
export const allianceExample = { code: 'new-energy', name: 'New energy vehicles', nameZh: '新能源汽车', description: '新能源汽车及动力电池产业校企联盟' }
export const skillExample = { tag: 'laser-welding', nameEn: 'Laser welding', nameZh: '激光焊接', aliases: ['激光焊', 'laser welder'] }
export const organizationPatchExample = { city: '宁波', description: '汽车零部件及变速箱壳体精密加工企业', industry: '汽车零部件' }
export const userExample = { email: 'coordinator@equipment.talent-orders.cn', password: 'Ningbo-alliance-2027!', name: '陈协调', role: 'coordinator', alliances: ['equipment'] }
export const registerExample = {
  email: 'hr@beilun-gearbox.example.cn',
  password: 'Beilun-gearbox-2027!',
  name: '张敏',
  organization: { kind: 'enterprise', name: '宁波北仑变速箱有限公司', city: '宁波', industry: '汽车零部件' }
}
export const loginExample = { email: 'hr@beilun-gearbox.example.cn', password: 'Beilun-gearbox-2027!' }
export const refreshExample = { refreshToken: 'rt_4cQm9v2wJ0bX8kLr1sT7uY3zA6dF5gH' }
export const passwordChangeExample = { currentPassword: 'Beilun-gearbox-2027!', newPassword: 'Gearbox-line-2028#' }
export const askQuestionExample = { text: '结业考核由贵公司组织还是由学院组织？实训使用的数控系统型号能否提前告知？' }
export const answerQuestionExample = { answer: '结业考核由我公司与学院共同组织；产线使用 FANUC 0i-TF 数控系统。' }
export const fileComplaintExample = { reason: '中标学院的实训车床仅 6 台，无法满足 20 人同时实操的要求，评审未核实场地。' }
export const decideComplaintExample = { decision: '经现场核查，实训设备满足要求，投诉不成立。' }
export const webhookExample = {
  url: 'https://hr.beilun-gearbox.example.cn/hooks/talent-orders',
  events: ['order.published', 'match.approved'],
  description: '招聘系统同步 HR system sync'
}
export const targetsExample = { ordersAwarded: 40, seatsCompleted: 800, hires: 600, promiseKeptRate: 0.8 }
