// Files the Workers bundle imports as text (wrangler.toml `[[rules]]` of type "Text").
declare module '*.css' {
  const text: string;
  export default text;
}
declare module 'uplot/dist/uPlot.iife.min.js' {
  const text: string;
  export default text;
}
