// A page's writes, one button at a time: which one is busy, each one's error in the reader's
// language, and what to do after a write succeeds (reload the page's data, tell the parent).
import { reactive, ref } from 'vue'

export function useActions(t, after = async () => {}) {
  const busy = ref('')
  const errors = reactive({})
  // Runs `fn` as the write behind button `key`; true when it succeeded.
  async function act(key, fn) {
    busy.value = key
    errors[key] = ''
    try {
      await fn()
      await after()
      return true
    } catch (e) {
      errors[key] = e.localized ? e.localized() : t('common.error')
      return false
    } finally {
      busy.value = ''
    }
  }
  return { busy, errors, act }
}
