// Routes of the console; every page is its own chunk, and pages other than login and register need a session.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { session } from './session.ts'

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./pages/login-page.vue'), meta: { public: true } },
  { path: '/register', name: 'register', component: () => import('./pages/register-page.vue'), meta: { public: true } },
  { path: '/', name: 'home', component: () => import('./pages/home-page.vue') },
  { path: '/alliances', name: 'alliances', component: () => import('./pages/alliances-page.vue') },
  { path: '/orders', name: 'orders', component: () => import('./pages/orders-page.vue') },
  { path: '/orders/new', name: 'order-new', component: () => import('./pages/order-form-page.vue') },
  { path: '/orders/:id', name: 'order', component: () => import('./pages/order-page.vue'), props: true },
  { path: '/orders/:id/edit', name: 'order-edit', component: () => import('./pages/order-form-page.vue'), props: true },
  { path: '/bids', name: 'bids', component: () => import('./pages/bids-page.vue') },
  { path: '/cohorts', name: 'cohorts', component: () => import('./pages/cohorts-page.vue') },
  { path: '/cohorts/:id', name: 'cohort', component: () => import('./pages/cohort-page.vue'), props: true },
  { path: '/queue', name: 'queue', component: () => import('./pages/queue-page.vue') },
  { path: '/report', name: 'report', component: () => import('./pages/report-page.vue') },
  { path: '/:rest(.*)*', redirect: '/' }
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach((to) => {
  if (to.meta['public'] || session.me) return true
  return { name: 'login', query: to.fullPath === '/' ? {} : { next: to.fullPath } }
})
