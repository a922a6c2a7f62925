// Renders every chart of a class report with the ECharts the page inlines, server-side to SVG (no browser here):
// node render-charts.js REPORT.html [DIR] prints one line per chart: its id, the number of bars drawn, and the SVG size;
// with DIR, each chart's SVG is saved there as ID.svg, a picture of the chart as the page draws it.
const fs = require('fs');
const vm = require('vm');
const html = fs.readFileSync(process.argv[2], 'utf8');
const library = html.match(/<script>([\s\S]*?)<\/script>\n<\/head>/)[1];
const data = JSON.parse(html.match(/<script type="application\/json" id="chart-data">([\s\S]*?)<\/script>/)[1]);
const sandbox = {module: {exports: {}}, console, setTimeout, clearTimeout, setInterval, clearInterval};
sandbox.exports = sandbox.module.exports;
vm.runInNewContext(library, sandbox);
const echarts = sandbox.module.exports;
try {
for (const chart of data.charts) {
  const instance = echarts.init(null, null, {renderer: 'svg', ssr: true, width: 800, height: 400});
  instance.setOption(chart.option);
  const svg = instance.renderToSVGString();
  const bars = (svg.match(/<path d="M[^"]*Z"/g) || []).length;
  console.log(chart.id + ' bars=' + bars + ' svg=' + svg.length);
  if (process.argv[3]) {
    fs.writeFileSync(process.argv[3] + '/' + chart.id + '.svg', svg);
  }
  instance.dispose();
}
} catch (e) {
  console.log('error: ' + e.message);
  process.exit(1);
}
