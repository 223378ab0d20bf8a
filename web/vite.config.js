import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// Vant's icon font names a CDN as a fallback after its inline data: URL. Residents' pages load
// nothing from third parties (privacy, and the Content-Security-Policy forbids it), so the
// fallback URLs are dropped at build time.
const noCdnFonts = {
  name: 'xinyi-no-cdn-fonts',
  transform(code, id) {
    if (!id.includes('vant') || !id.endsWith('.css')) return null
    return { code: code.replace(/,\s*url\(["']?\/\/at\.alicdn\.com[^)]*\)\s*format\(["'][a-z0-9]+["']\)/g, ''), map: null }
  },
}

// The built app goes to web/dist, which `xinyi serve` serves; during `npm run dev`, API calls
// are proxied to a server started with `xinyi demo` on :8080.
export default defineConfig({
  plugins: [vue(), noCdnFonts],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
})
