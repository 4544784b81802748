import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // Long-lived vendor chunks: an app change does not make browsers download the libraries again.
        codeSplitting: {
          // React is shared by all three; the highest priority keeps it out of the ECharts chunk.
          groups: [
            {
              name: 'echarts',
              priority: 1,
              test: /node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/,
            },
            {
              name: 'antd',
              priority: 2,
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[\w-]+|@emotion|dayjs)[\\/]/,
            },
            {
              name: 'react',
              priority: 3,
              test: /node_modules[\\/](react|react-dom|react-router|scheduler|@tanstack)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:8080' },
  },
});
