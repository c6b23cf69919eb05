/**
 * @module The V8 flags the always-on daemon runs with, wherever it is started (systemd unit, tmux script, `make
 * run`, the demo; deploy/ files spell them out and a test keeps them in step). A 4 MB young generation instead of
 * V8's 16 MB default: the daemon allocates little per event, so scavenges stay short, and the resident memory with
 * 100 protected positions drops from about 145 MB to about 121 MB (measured by `npm run bench -- protection`, with
 * no change in the protection latency). Flags must be given to node at start: V8 ignores this one set at run time.
 */
export const DAEMON_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];
