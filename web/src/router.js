import { createRouter, createWebHistory } from 'vue-router'
import CompoundList from './features/public/CompoundList.vue'

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: CompoundList },
    { path: '/c/:id', component: () => import('./features/public/CompoundHome.vue'), props: true },
    {
      path: '/c/:id/votes/:vid',
      component: () => import('./features/votes/Vote.vue'),
      props: true,
    },
    { path: '/c/:id/needs', component: () => import('./features/services/Needs.vue'), props: true },
    {
      path: '/c/:id/visits',
      component: () => import('./features/services/Visits.vue'),
      props: true,
    },
    {
      path: '/c/:id/surveys/:qid',
      component: () => import('./features/surveys/Survey.vue'),
      props: true,
    },
    {
      path: '/c/:id/projects/:pid',
      component: () => import('./features/projects/Project.vue'),
      props: true,
    },
    {
      path: '/c/:id/charity',
      component: () => import('./features/charity/Charity.vue'),
      props: true,
    },
    {
      path: '/c/:id/approvals',
      component: () => import('./features/approvals/Approvals.vue'),
      props: true,
    },
    {
      path: '/c/:id/notices',
      component: () => import('./features/announcements/Announcements.vue'),
      props: true,
    },
    {
      path: '/c/:id/notices/:aid',
      component: () => import('./features/announcements/Announcement.vue'),
      props: true,
    },
    { path: '/notices', component: () => import('./features/me/Notices.vue') },
    { path: '/login', component: () => import('./features/auth/Login.vue') },
    { path: '/register', component: () => import('./features/auth/Register.vue') },
    { path: '/me', component: () => import('./features/me/Me.vue') },
    { path: '/claim', component: () => import('./features/auth/Claim.vue') },
    {
      path: '/receipt/:cid/:no',
      component: () => import('./features/me/Receipt.vue'),
      props: true,
    },
    { path: '/manage/:id', component: () => import('./features/manage/Manage.vue'), props: true },
    { path: '/:rest(.*)', redirect: '/' },
  ],
})
