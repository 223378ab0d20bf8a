import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The built app goes to web/dist, which `xinyi serve` serves; during `npm run dev`, API calls
// are proxied to a server started with `xinyi demo` on :8080.
export default defineConfig({
  plugins: [vue()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
})
