// Routes of the console; every page is its own chunk, and pages other than login, registration, joining by invitation and password reset need a session.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { session } from './session.ts'
import type { ConsoleSection } from '../../src/lib/console-sections.ts'

// Every page lives under one of the sections the server serves index.html for (a typo fails the type-check).
const at = (section: ConsoleSection, rest = '') => `/${section}${rest}`

const routes: RouteRecordRaw[] = [
  { path: at('login'), name: 'login', component: () => import('./pages/login-page.vue'), meta: { public: true } },
  { path: at('register'), name: 'register', component: () => import('./pages/register-page.vue'), meta: { public: true } },
  { path: at('invitation'), name: 'invitation', component: () => import('./pages/invitation-page.vue'), meta: { public: true } },
  { path: at('password-reset'), name: 'password-reset', component: () => import('./pages/password-reset-page.vue'), meta: { public: true } },
  { path: '/', name: 'home', component: () => import('./pages/home-page.vue') },
  { path: at('alliances'), name: 'alliances', component: () => import('./pages/alliances-page.vue') },
  { path: at('alliances', '/:code/targets'), name: 'targets', component: () => import('./pages/targets-page.vue'), props: true },
  { path: at('organizations', '/:id'), name: 'organization', component: () => import('./pages/organization-page.vue'), props: true },
  { path: at('team'), name: 'team', component: () => import('./pages/team-page.vue') },
  { path: at('orders'), name: 'orders', component: () => import('./pages/orders-page.vue') },
  { path: at('orders', '/new'), name: 'order-new', component: () => import('./pages/order-form-page.vue') },
  { path: at('orders', '/:id'), name: 'order', component: () => import('./pages/order-page.vue'), props: true },
  { path: at('orders', '/:id/edit'), name: 'order-edit', component: () => import('./pages/order-form-page.vue'), props: true },
  { path: at('bids'), name: 'bids', component: () => import('./pages/bids-page.vue') },
  { path: at('cohorts'), name: 'cohorts', component: () => import('./pages/cohorts-page.vue') },
  { path: at('cohorts', '/:id'), name: 'cohort', component: () => import('./pages/cohort-page.vue'), props: true },
  { path: at('queue'), name: 'queue', component: () => import('./pages/queue-page.vue') },
  { path: at('report'), name: 'report', component: () => import('./pages/report-page.vue') },
  { path: at('notifications'), name: 'notifications', component: () => import('./pages/notifications-page.vue') },
  { path: '/:rest(.*)*', redirect: '/' }
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach((to) => {
  if (to.meta['public'] || session.me) return true
  return { name: 'login', query: to.fullPath === '/' ? {} : { next: to.fullPath } }
})
