// For the Workers bundle, which imports leakline.js as text (wrangler.toml `[[rules]]`); browsers load the script itself.
declare const text: string;
export default text;
