// A WebSocket client for Node versions without a global one (Node 18 and 20 without a flag), installed as
// globalThis.WebSocket only where none exists: the browser API that the test scripts, the 2013 client and
// /rts/client.js use (ws:// URLs, text and binary frames, Blob sends, pings answered, close codes), over node:net.
// NodeScript loads it before the test's script.
import net from 'node:net';
import { randomBytes } from 'node:crypto';

class NodeWebSocket extends EventTarget {
    static CONNECTING = 0;
    static OPEN = 1;
    static CLOSING = 2;
    static CLOSED = 3;

    constructor(url) {
        super();
        const target = new URL(url);
        if (target.protocol !== 'ws:') throw new SyntaxError(`Only ws:// URLs are supported, not '${url}'`);
        this.url = url;
        this.readyState = NodeWebSocket.CONNECTING;
        this.binaryType = 'blob';
        this.onopen = this.onmessage = this.onclose = this.onerror = null;
        this._sends = Promise.resolve();
        this._buffer = Buffer.alloc(0);
        this._fragments = [];
        this._fragmentType = 0;
        this._upgraded = false;
        this._closeSent = false;
        this._closed = false;
        const key = randomBytes(16).toString('base64');
        this._socket = net.connect(Number(target.port) || 80, target.hostname, () => {
            this._socket.write(`GET ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\n`
                + `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\n`
                + 'Sec-WebSocket-Version: 13\r\n\r\n');
        });
        this._socket.on('data', chunk => this._read(chunk));
        this._socket.on('error', () => this._emit('error', new Event('error')));
        this._socket.on('close', () => this._finish(1006, ''));
    }

    send(data) {
        if (this.readyState !== NodeWebSocket.OPEN) throw new Error('WebSocket is not open');
        // Chained, so that a Blob (read asynchronously) keeps its place among the frames sent after it.
        this._sends = this._sends.then(async () => {
            if (typeof data === 'string') return this._frame(1, Buffer.from(data, 'utf8'));
            if (data instanceof Blob) return this._frame(2, Buffer.from(await data.arrayBuffer()));
            if (ArrayBuffer.isView(data)) return this._frame(2, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
            return this._frame(2, Buffer.from(data));
        });
    }

    close(code = 1000, reason = '') {
        if (this.readyState >= NodeWebSocket.CLOSING) return;
        this.readyState = NodeWebSocket.CLOSING;
        this._sendClose(code, reason);
    }

    _sendClose(code, reason) {
        if (this._closeSent) return;
        this._closeSent = true;
        const why = Buffer.from(reason, 'utf8');
        const payload = Buffer.alloc(2 + why.length);
        payload.writeUInt16BE(code, 0);
        why.copy(payload, 2);
        this._sends = this._sends.then(() => this._frame(8, payload));
    }

    _frame(opcode, payload) {
        if (this._socket.destroyed) return;
        const length = payload.length;
        const head = length < 126 ? Buffer.alloc(2) : Buffer.alloc(length < 65536 ? 4 : 10);
        head[0] = 0x80 | opcode;
        if (length < 126) {
            head[1] = 0x80 | length;
        } else if (length < 65536) {
            head[1] = 0x80 | 126;
            head.writeUInt16BE(length, 2);
        } else {
            head[1] = 0x80 | 127;
            head.writeBigUInt64BE(BigInt(length), 2);
        }
        const mask = randomBytes(4);
        const masked = Buffer.alloc(length);
        for (let i = 0; i < length; i++) masked[i] = payload[i] ^ mask[i & 3];
        this._socket.write(Buffer.concat([head, mask, masked]));
    }

    _read(chunk) {
        this._buffer = Buffer.concat([this._buffer, chunk]);
        if (!this._upgraded) {
            const end = this._buffer.indexOf('\r\n\r\n');
            if (end < 0) return;
            const head = this._buffer.subarray(0, end).toString('latin1');
            this._buffer = this._buffer.subarray(end + 4);
            if (!/^HTTP\/1\.1 101/.test(head)) {
                this._emit('error', new Event('error'));
                this._socket.destroy();
                return;
            }
            this._upgraded = true;
            this.readyState = NodeWebSocket.OPEN;
            this._emit('open', new Event('open'));
        }
        while (this._buffer.length >= 2) {
            const fin = (this._buffer[0] & 0x80) !== 0;
            const opcode = this._buffer[0] & 0x0f;
            let length = this._buffer[1] & 0x7f;
            let offset = 2;
            if (length === 126) {
                if (this._buffer.length < 4) return;
                length = this._buffer.readUInt16BE(2);
                offset = 4;
            } else if (length === 127) {
                if (this._buffer.length < 10) return;
                length = Number(this._buffer.readBigUInt64BE(2));
                offset = 10;
            }
            if (this._buffer.length < offset + length) return;
            const payload = Buffer.from(this._buffer.subarray(offset, offset + length));
            this._buffer = this._buffer.subarray(offset + length);
            this._frameIn(fin, opcode, payload);
        }
    }

    _frameIn(fin, opcode, payload) {
        if (opcode === 9) {
            this._sends = this._sends.then(() => this._frame(10, payload));
        } else if (opcode === 8) {
            const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
            const reason = payload.length > 2 ? payload.subarray(2).toString('utf8') : '';
            this._sendClose(code === 1005 ? 1000 : code, '');
            this._sends = this._sends.then(() => this._socket.end());
            this._finish(code, reason);
        } else if (opcode === 1 || opcode === 2 || opcode === 0) {
            if (opcode !== 0) this._fragmentType = opcode;
            this._fragments.push(payload);
            if (!fin) return;
            const whole = Buffer.concat(this._fragments);
            this._fragments = [];
            const data = this._fragmentType === 1 ? whole.toString('utf8')
                : whole.buffer.slice(whole.byteOffset, whole.byteOffset + whole.byteLength);
            this._emit('message', new MessageEvent('message', { data }));
        }
    }

    _finish(code, reason) {
        if (this._closed) return;
        this._closed = true;
        this.readyState = NodeWebSocket.CLOSED;
        const event = new Event('close');
        Object.assign(event, { code, reason, wasClean: code !== 1006 });
        this._emit('close', event);
    }

    _emit(type, event) {
        this.dispatchEvent(event);
        const handler = this['on' + type];
        if (typeof handler === 'function') handler.call(this, event);
    }
}

if (typeof globalThis.WebSocket !== 'function') {
    globalThis.WebSocket = NodeWebSocket;
}
