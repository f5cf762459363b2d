// The live reload browser half in a client with only the 2013 service contract (client-2013.mjs, given by the
// testkit's NodeScript), with a page of one same-origin and one foreign stylesheet: 'updateCSS' refetches the
// same-origin one, 'reload' reloads the page. Prints "READY" when the server may send, then "RESULT <json>".
import { connect } from './client-2013.mjs';

const out = { reloads: 0 };
const links = [{ href: 'http://127.0.0.1/app.css' }, { href: 'https://cdn.example/lib.css' }];
let reloaded;
const reload = new Promise(resolve => { reloaded = resolve; });
globalThis.location = { href: 'http://127.0.0.1/', origin: 'http://127.0.0.1', reload: () => { out.reloads++; reloaded(); } };
globalThis.document = { querySelectorAll: selector => selector.startsWith('link') ? links : [] };

const app = await connect(process.argv[2]);
console.log('READY');
await reload;
out.links = links.map(link => link.href.replace(/_rts=\d+/, '_rts=<stamp>'));
console.log('RESULT ' + JSON.stringify(out));
app.close();
