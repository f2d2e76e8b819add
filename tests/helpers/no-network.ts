/**
 * A preload (`node --import <this file> bin/survey.js ...`) that makes every way out to the
 * network fail and records each attempt: net and tls connections, sockets, DNS look-ups, http
 * and https requests, fetch, UDP. Each attempt is appended to the file named by SURVEY_NET_LOG
 * (one JSON line), then throws, so a test sees attempts even when the caller swallows the error.
 * A `{"ready": ...}` line is written when the preload has run, in the main thread and in each
 * worker thread, so a test can tell that it was active.
 */
import { appendFileSync } from 'node:fs';
import { isMainThread, threadId } from 'node:worker_threads';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import dgram from 'node:dgram';

const log = process.env['SURVEY_NET_LOG'];

function record(entry: Record<string, unknown>): void {
  if (log) appendFileSync(log, `${JSON.stringify({ pid: process.pid, thread: threadId, ...entry })}\n`);
}

function blocked(api: string): (...args: unknown[]) => never {
  return (...args: unknown[]) => {
    const target = args.map((a) => (typeof a === 'object' && a !== null ? JSON.stringify(a, (_k, v: unknown) => (typeof v === 'function' ? undefined : v)) : String(a))).join(' ').slice(0, 200);
    record({ api, target });
    throw new Error(`network access blocked by the test preload: ${api} ${target}`);
  };
}

const patch = (owner: object, names: string[], prefix: string) => {
  for (const name of names) {
    if (typeof (owner as Record<string, unknown>)[name] === 'function') Object.defineProperty(owner, name, { value: blocked(`${prefix}.${name}`), writable: true, configurable: true });
  }
};

patch(net, ['connect', 'createConnection'], 'net');
patch(net.Socket.prototype, ['connect'], 'net.Socket.prototype');
patch(tls, ['connect'], 'tls');
patch(dns, ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveSrv', 'resolveTxt', 'reverse'], 'dns');
patch(dns.promises, ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse'], 'dns.promises');
patch(http, ['request', 'get'], 'http');
patch(https, ['request', 'get'], 'https');
patch(dgram, ['createSocket'], 'dgram');
patch(globalThis, ['fetch'], 'globalThis');
// `import { connect } from 'node:net'` reads the patched functions too.
syncBuiltinESMExports();

record({ ready: isMainThread ? 'main' : 'worker' });
