// The dashboard's assets as text modules: wrangler bundles these files as strings
// (the `[[rules]]` of type "Text" in wrangler.toml), since a Worker has no files to read.
import leaklineCss from '../web/assets/leakline.css';
import leaklineJs from '../web/assets/leakline.js';
import uplotCss from 'uplot/dist/uPlot.min.css';
import uplotJs from 'uplot/dist/uPlot.iife.min.js';
import { provideAssets } from '../web/assets.ts';

provideAssets({ 'leakline.css': leaklineCss, 'leakline.js': leaklineJs, 'uplot.css': uplotCss, 'uplot.js': uplotJs });
