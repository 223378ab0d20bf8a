import { createRouter, createWebHistory } from 'vue-router'
import CompoundList from './pages/CompoundList.vue'

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: CompoundList },
    { path: '/c/:id', component: () => import('./pages/CompoundHome.vue'), props: true },
    { path: '/c/:id/votes/:vid', component: () => import('./pages/Vote.vue'), props: true },
    { path: '/c/:id/needs', component: () => import('./pages/Needs.vue'), props: true },
    { path: '/c/:id/visits', component: () => import('./pages/Visits.vue'), props: true },
    { path: '/c/:id/surveys/:qid', component: () => import('./pages/Survey.vue'), props: true },
    { path: '/c/:id/projects/:pid', component: () => import('./pages/Project.vue'), props: true },
    { path: '/c/:id/charity', component: () => import('./pages/Charity.vue'), props: true },
    { path: '/c/:id/approvals', component: () => import('./pages/Approvals.vue'), props: true },
    { path: '/c/:id/notices', component: () => import('./pages/Announcements.vue'), props: true },
    { path: '/c/:id/notices/:aid', component: () => import('./pages/Announcement.vue'), props: true },
    { path: '/notices', component: () => import('./pages/Notices.vue') },
    { path: '/login', component: () => import('./pages/Login.vue') },
    { path: '/register', component: () => import('./pages/Register.vue') },
    { path: '/me', component: () => import('./pages/Me.vue') },
    { path: '/claim', component: () => import('./pages/Claim.vue') },
    { path: '/receipt/:cid/:no', component: () => import('./pages/Receipt.vue'), props: true },
    { path: '/manage/:id', component: () => import('./pages/Manage.vue'), props: true },
    { path: '/:rest(.*)', redirect: '/' },
  ],
})
