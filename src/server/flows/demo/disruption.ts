import type { Kysely } from 'kysely';
import { seedDemoAreas, type DemoAreaSpec } from '../../modules/disruption';

/*
 * The demo province's disruption in progress, as in spring 2022 (docs/architecture.md#demo-province): parts of Taiyuan's
 * 小店区, 迎泽区 and 杏花岭区 sealed or controlled, a precaution belt around them, the 太原南
 * highway exit under traffic control, and a 万柏林区 area that reopened the week before the demo
 * instant (2022-04-01).
 *
 * Validity: the active areas start on 2022-03-26 (Beijing time) and are open-ended, so they are
 * in force at the demo instant AND when the server runs today; an open-ended area is exactly what
 * a notice "until further notice" (另行通知) publishes. The reopened one has an end in March 2022.
 */

const from = '2022-03-25T16:00:00.000Z'; // 2022-03-26 00:00 Beijing

function box(w: number, s: number, e: number, n: number) {
  return {
    type: 'Polygon' as const,
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ] as [number, number][],
    ],
  };
}

export const demoAreaSpecs: DemoAreaSpec[] = [
  {
    id: 'area_demo_xiaodian_sealed',
    body: {
      scheme: 'epidemic-2022',
      status: 'sealed',
      validFrom: from,
      validUntil: null,
      name: '小店区 坞城街道部分小区 封控区',
      geometry: box(112.555, 37.79, 112.585, 37.812),
    },
    noticeNumber: '并疫防指〔2022〕21号',
    noticeText: '小店区坞城街道部分小区划定为封控区，实行"区域封闭、足不出户、服务上门"。',
  },
  {
    id: 'area_demo_yingze_controlled',
    body: {
      scheme: 'epidemic-2022',
      status: 'controlled',
      validFrom: from,
      validUntil: null,
      name: '迎泽区 桥东街道 管控区',
      geometry: box(112.565, 37.848, 112.59, 37.866),
    },
    noticeNumber: '并疫防指〔2022〕22号',
    noticeText: '迎泽区桥东街道划定为管控区，实行"人不出区、严禁聚集"。',
  },
  {
    id: 'area_demo_xinghualing_sealed',
    body: {
      scheme: 'epidemic-2022',
      status: 'sealed',
      validFrom: from,
      validUntil: null,
      name: '杏花岭区 巨轮街道部分小区 封控区',
      geometry: box(112.57, 37.884, 112.595, 37.9),
    },
    noticeNumber: '并疫防指〔2022〕23号',
    noticeText: '杏花岭区巨轮街道部分小区划定为封控区。',
  },
  {
    id: 'area_demo_taiyuan_precaution',
    body: {
      scheme: 'epidemic-2022',
      status: 'precaution',
      validFrom: from,
      validUntil: null,
      name: '太原市城区 防范区',
      geometry: box(112.52, 37.77, 112.63, 37.91),
    },
    noticeNumber: '并疫防指〔2022〕24号',
    noticeText: '封控区、管控区以外的城区划定为防范区，实行"强化社会面管控、严格限制人员聚集"。',
  },
  {
    id: 'area_demo_highway_exit',
    body: {
      scheme: 'road-closure',
      status: 'closed',
      validFrom: from,
      validUntil: null,
      name: '太原南高速出口 交通管制',
      circle: { center: [112.603, 37.742], radiusM: 1500 },
    },
    noticeNumber: '晋交管〔2022〕7号',
    noticeText: '太原南收费站出口实行管控，货车凭通行证通行，定点接驳。',
  },
  {
    id: 'area_demo_wanbailin_reopened',
    body: {
      scheme: 'epidemic-2022',
      status: 'controlled',
      validFrom: '2022-03-17T16:00:00.000Z',
      validUntil: null,
      name: '万柏林区 和平街道 管控区',
      geometry: box(112.5, 37.85, 112.53, 37.87),
    },
    noticeNumber: '并疫防指〔2022〕18号',
    noticeText: '万柏林区和平街道划定为管控区。',
    endedAt: '2022-03-24T16:00:00.000Z',
    endReason: '连续 7 天无新增，解除管控（并疫防指〔2022〕20号）',
  },
];

/** Seeds the built-in schemes and the demo areas inside the seeding transaction. */
export async function seedDisruptionDemo(db: Kysely<any>, now: string): Promise<number> {
  return seedDemoAreas(db, demoAreaSpecs, now);
}
