// Entry point: resumes a cookie session if there is one, then mounts the console.
import { createApp } from 'vue'
import './styles.css'
import App from './app.vue'
import { router } from './router.ts'
import { i18n, applyLocale, currentLocale } from './i18n/index.ts'
import { resume, loadAlliances, loadSkills } from './session.ts'

applyLocale(currentLocale())

async function start (): Promise<void> {
  try {
    if (await resume()) await Promise.all([loadAlliances(), loadSkills()])
  } catch { /* no session or server away: the login page shows */ }
  createApp(App).use(i18n).use(router).mount('#app')
}

start().catch((err: unknown) => { console.error(err) })
