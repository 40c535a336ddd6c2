// Builds the plugin into dist/: plugin-manifest.json, plugin-entry.js (the module federation
// container, which calls window.__load_plugin_entry__('isimport-preview', container)), the
// chunks it loads, and isimport's .wasm and schema files as assets (webpack emits what
// `new URL('./…', import.meta.url)` names). ConsoleRemotePlugin reads package.json's
// consolePlugin and console-extensions.json, makes react and @openshift-console/dynamic-plugin-sdk
// shared modules the console provides (never bundled), and sets output.publicPath to
// /api/plugins/isimport-preview/, where the console serves the plugin's files.
//
//   npm run build          (node webpack.config.js; webpack-cli is not needed)
//   NODE_ENV=production npm run build   names the entry plugin-entry.<hash>.min.js instead
const path = require('path');
const webpack = require('webpack');
const { ConsoleRemotePlugin } = require('@openshift-console/dynamic-plugin-sdk-webpack');

const config = {
  mode: 'production',
  context: __dirname,
  entry: {}, // the one entry is the container that ConsoleRemotePlugin adds
  output: {
    path: path.resolve(__dirname, 'dist'),
    chunkFilename: '[name]-chunk-[contenthash].min.js',
    assetModuleFilename: 'assets/[name]-[contenthash][ext]',
  },
  optimization: { chunkIds: 'named' },
  performance: { hints: false },
  plugins: [new ConsoleRemotePlugin()],
};

module.exports = config;

if (require.main === module) {
  webpack(config, (err, stats) => {
    if (err) {
      console.error(err);
      process.exit(1);
    }
    console.log(stats.toString({ colors: false, modules: false }));
    if (stats.hasErrors()) process.exit(1);
  });
}
