/**
 * A small leader-based block protocol on byzcheck's block helpers (docs/blocks.md): replica 0
 * proposes a block of pending requests at the next height; every replica votes for the first valid
 * proposal it sees at a height and decides a block once 2f + 1 replicas voted for it and the height
 * below is decided. Lost messages are resent on a timer. There is no view change, so a faulty
 * leader can stall it (no liveness bound is declared), but never split it: safety holds with up to
 * f Byzantine replicas. The adapter is wiring only — pooling, dedup, replies and execution are the
 * helpers'.
 */
import {
  BlockSource, blockDigest, clientRequestSigningData, executeBlock, ReplyCache, replyFromCache, RequestPool,
  type Block, type ClientRequest, type Codec, type NodeId, type PayloadFields, type ReplicaContext, type Target,
} from 'byzcheck';

type Propose = { readonly type: 'PROPOSE'; readonly height: number; readonly digest: string; readonly requests: readonly ClientRequest[] };
type Vote = { readonly type: 'VOTE'; readonly height: number; readonly digest: string };
type Status = { readonly type: 'STATUS'; readonly decided: number };
type Message = Propose | Vote | Status;

const LEADER = 0;
const RESEND_MS = 300;

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const isRequest = (x: unknown): x is ClientRequest => isObj(x) && Number.isInteger(x['client']) && Number.isInteger(x['requestId']) && typeof x['operation'] === 'string';
const isVote = (x: unknown): x is Vote => isObj(x) && x['type'] === 'VOTE' && Number.isInteger(x['height']) && typeof x['digest'] === 'string';
const isStatus = (x: unknown): x is Status => isObj(x) && x['type'] === 'STATUS' && Number.isInteger(x['decided']);
const isPropose = (x: unknown): x is Propose =>
  isObj(x) && x['type'] === 'PROPOSE' && Number.isInteger(x['height']) && typeof x['digest'] === 'string' && Array.isArray(x['requests']) && x['requests'].every(isRequest);

function createReplica(ctx: ReplicaContext<Message>) {
  const { id, n, f } = ctx.config;
  const cache = new ReplyCache();
  const pool = new RequestPool(cache);
  const store = new Map<string, string>();
  let decided = 0;
  let proposed = 0;
  const proposals = new Map<number, Propose>();
  const votes = new Map<string, Set<NodeId>>();
  const myVotes = new Map<number, Vote>();
  const candidates = new Map<number, Propose[]>();
  const decidedBlocks = new Map<number, Propose>();

  const apply = (op: string): string => {
    const [verb, key = '', value = ''] = op.split(' ');
    if (verb === 'put') store.set(key, value);
    return verb === 'put' ? 'ok' : (store.get(key) ?? 'none');
  };
  // A block is valid when it really is its requests' digest and every request is signed by its client.
  const valid = (p: Propose): boolean =>
    p.digest === blockDigest(p) && p.requests.every((r) => typeof r.signature === 'string' && ctx.verify(r.client, clientRequestSigningData(r), r.signature));

  // The block decided next: a known valid block at the next height that 2f + 1 replicas voted for.
  const nextDecided = (): Propose | undefined =>
    (candidates.get(decided + 1) ?? []).find((p) => (votes.get(`${p.height}/${p.digest}`)?.size ?? 0) >= 2 * f + 1);
  const tryDecide = (): void => {
    for (let p = nextDecided(); p !== undefined; p = nextDecided()) {
      decided = p.height;
      decidedBlocks.set(p.height, p);
      executeBlock(ctx, p satisfies Block, { pool, cache }, apply);
      if (id === LEADER) source.ready();
    }
  };
  const countVote = (from: NodeId, v: Vote): void => {
    const key = `${v.height}/${v.digest}`;
    let voters = votes.get(key);
    if (voters === undefined) votes.set(key, (voters = new Set()));
    voters.add(from);
    tryDecide();
  };
  // Any replica may pass a block on (catch-up), but only the leader's first block at a height gets this replica's vote.
  const onBlock = (from: NodeId, p: Propose): void => {
    if (p.height <= decided || !valid(p)) return;
    const known = candidates.get(p.height) ?? [];
    if (!known.some((k) => k.digest === p.digest)) candidates.set(p.height, [...known, p]);
    if (from !== LEADER || proposals.has(p.height)) return tryDecide();
    proposals.set(p.height, p);
    const vote: Vote = { type: 'VOTE', height: p.height, digest: p.digest };
    myVotes.set(p.height, vote);
    ctx.broadcast(vote);
    countVote(id, vote);
  };
  // A replica behind gets the next few blocks it missed, with this replica's vote for each: 2f + 1 answers decide them.
  const catchUp = (to: NodeId, theirs: number): void => {
    for (let h = theirs + 1; h <= Math.min(decided, theirs + 4); h++) {
      const p = decidedBlocks.get(h);
      const v = myVotes.get(h);
      if (p !== undefined) ctx.send(to, p);
      if (v !== undefined && v.digest === p?.digest) ctx.send(to, v);
    }
  };
  const source = new BlockSource(pool, {
    maxBlockSize: 4,
    propose: (requests) => {
      const block = { height: ++proposed, requests };
      const p: Propose = { type: 'PROPOSE', ...block, digest: blockDigest(block) };
      ctx.broadcast(p);
      onBlock(id, p);
    },
  });

  return {
    init: () => {
      ctx.setTimer('resend', RESEND_MS);
      if (id === LEADER) source.ready();
    },
    onRequest: (r: ClientRequest) => {
      if (!replyFromCache(ctx, cache, r)) pool.add(r);
    },
    onMessage: (from: NodeId, m: Message) => {
      if (from >= n) return;
      if (isPropose(m)) onBlock(from, m);
      else if (isVote(m) && m.height > decided) countVote(from, m);
      else if (isStatus(m)) catchUp(from, m.decided);
    },
    // Resends what the next undecided height needs (the leader's proposal, this replica's vote) and says how far it got.
    onTimer: () => {
      ctx.setTimer('resend', RESEND_MS);
      const next = proposals.get(decided + 1);
      if (next !== undefined && id === LEADER) ctx.broadcast(next);
      const mine = myVotes.get(decided + 1);
      if (mine !== undefined) ctx.broadcast(mine);
      ctx.broadcast({ type: 'STATUS', decided });
    },
  };
}

const codec: Codec<Message> = {
  fields: (m): PayloadFields => (isPropose(m) ? { type: 'PRE-PREPARE', seq: m.height, digest: m.digest } : isVote(m) ? { type: 'COMMIT', seq: m.height, digest: m.digest } : {}),
  withFields: (m, fields) => (isObj(m) ? { ...m, ...(fields.seq !== undefined ? { height: fields.seq } : {}), ...(fields.digest !== undefined ? { digest: fields.digest } : {}) } : m),
  build: (type, fields) => (type === 'COMMIT' && fields.seq !== undefined && fields.digest !== undefined ? { type: 'VOTE', height: fields.seq, digest: fields.digest } : undefined),
};

/** The block-based example target. */
export default {
  name: 'block-replica',
  description: 'leader-based block protocol on byzcheck/blocks: 2f+1 votes per block, no view change',
  createReplica,
  codec,
  client: { sendFirstTo: 'all', retransmitMs: 400 },
  clusterSizes: [4, 7],
} satisfies Target<Message>;
