#!/usr/bin/env python3
"""Seed 002's PBFT node as a byzcheck subprocess replica (Python 3 standard library only).

The node logic of seed 002 (002_9db5b4e68f37fa2c.txt): primary fixed at replica 0, no view change,
PRE-PREPARE -> PREPARE (quorum 2f+1) -> COMMIT (quorum 2f+1), votes counted per (seq, digest), the
first PRE-PREPARE per seq wins. It mirrors targets/seed002/replica.ts effect for effect, so both give
byte-identical traces. The harness side of the protocol is docs/subprocess-protocol.md.
"""
import hashlib
import json
import sys
import traceback

# Protocol 2: byzcheck may write the next events of an instant before this node's `done` for the
# previous one. This loop reads one line per step and never asks for signatures, so it needs nothing
# more; it flushes its answers once no further event is announced (`"more": true`).
PROTOCOL = 2
PRIMARY = 0
RESEND = "resend"
RESEND_BASE_MS = 250
RESEND_CAP_MS = 1000
TYPES = ("PRE-PREPARE", "PREPARE", "COMMIT")


def digest_of(payload):
    return hashlib.sha256(payload.encode("utf-8", "replace")).hexdigest()


def is_nat(x):
    return type(x) is int and x >= 0


def is_request(x):
    return isinstance(x, dict) and is_nat(x.get("client")) and is_nat(x.get("requestId")) and isinstance(x.get("operation"), str)


def is_message(m):
    if not (isinstance(m, dict) and m.get("type") in TYPES and is_nat(m.get("view")) and is_nat(m.get("seq"))
            and isinstance(m.get("digest"), str) and is_nat(m.get("sender"))):
        return False
    return m["type"] != "PRE-PREPARE" or is_request(m.get("request"))


class Node:
    def __init__(self, config):
        self.id, self.n = config["id"], config["n"]
        self.quorum = 2 * config["f"] + 1  # the seed's _q_prepare and _q_commit
        self.pre_prepared, self.prepare_votes, self.commit_votes = {}, {}, {}
        self.committed, self.sent_commit, self.proposed, self.results = {}, set(), set(), {}
        self.next_seq, self.last_executed = 1, 0
        self.resend_ms, self.resend_armed = RESEND_BASE_MS, False
        self.out = []

    def take(self):
        out, self.out = self.out, []
        return out

    def on_request(self, client, request_id, operation):
        key = "%d/%d" % (client, request_id)
        if key in self.results:
            self.out.append({"kind": "reply", "client": client, "requestId": request_id, "result": self.results[key]})
            return
        if self.id != PRIMARY or key in self.proposed:
            return
        self.proposed.add(key)
        seq, self.next_seq = self.next_seq, self.next_seq + 1
        request = {"client": client, "requestId": request_id, "operation": operation}
        self.broadcast_and_handle({"type": "PRE-PREPARE", "view": 0, "seq": seq, "digest": digest_of(operation),
                                   "sender": self.id, "request": request})

    def on_message(self, sender, m):
        if sender < self.n and is_message(m):
            self.handle(sender, m)

    def on_timer(self, timer):
        if timer != RESEND:
            return
        self.resend_armed = False
        pending = False
        for seq, pp in list(self.pre_prepared.items()):
            if self.complete(seq, pp["digest"]):
                continue
            pending = True
            if self.id == PRIMARY:
                self.out.append({"kind": "broadcast", "payload": pp})
            self.resend_votes(seq, pp)
        self.resend_ms = min(self.resend_ms * 2, RESEND_CAP_MS) if pending else RESEND_BASE_MS
        if pending:
            self.arm_resend()

    def handle(self, sender, m):
        {"PRE-PREPARE": self.on_pre_prepare, "PREPARE": self.on_prepare, "COMMIT": self.on_commit}[m["type"]](sender, m)

    def broadcast_and_handle(self, m):
        # The seed's broadcast reaches the sender too: handle our own copy right after sending.
        self.out.append({"kind": "broadcast", "payload": m})
        self.handle(self.id, m)

    def vote(self, typ, pp):
        return {"type": typ, "view": pp["view"], "seq": pp["seq"], "digest": pp["digest"], "sender": self.id}

    def on_pre_prepare(self, sender, m):
        if sender != PRIMARY or "request" not in m or m["digest"] != digest_of(m["request"]["operation"]):
            return
        if m["seq"] in self.pre_prepared:
            return
        self.pre_prepared[m["seq"]] = m
        self.arm_resend()
        self.broadcast_and_handle(self.vote("PREPARE", m))

    def on_prepare(self, sender, m):
        voters = self.prepare_votes.setdefault((m["seq"], m["digest"]), set())
        fresh = sender not in voters
        voters.add(sender)
        pp = self.pre_prepared.get(m["seq"])
        if pp is None or pp["digest"] != m["digest"]:
            return
        # A repeated PREPARE means its sender is still missing votes: help it with our COMMIT.
        if not fresh and sender != self.id and m["seq"] in self.committed:
            self.out.append({"kind": "send", "to": sender, "payload": self.vote("COMMIT", pp)})
        if len(voters) >= self.quorum and m["seq"] not in self.sent_commit:
            self.sent_commit.add(m["seq"])
            self.broadcast_and_handle(self.vote("COMMIT", pp))

    def on_commit(self, sender, m):
        voters = self.commit_votes.setdefault((m["seq"], m["digest"]), set())
        voters.add(sender)
        pp = self.pre_prepared.get(m["seq"])
        if pp is None or pp["digest"] != m["digest"] or m["seq"] in self.committed or len(voters) < self.quorum:
            return
        self.committed[m["seq"]] = m["digest"]
        self.out.append({"kind": "commit", "seq": m["seq"], "value": m["digest"]})
        self.execute_ready()

    def execute_ready(self):
        while self.last_executed + 1 in self.committed:
            seq = self.last_executed + 1
            r = self.pre_prepared[seq]["request"]
            self.last_executed = seq
            result = "ok:%d" % seq
            self.results["%d/%d" % (r["client"], r["requestId"])] = result
            self.out.append({"kind": "execute", "seq": seq, "operation": r["operation"], "result": result,
                             "origin": {"client": r["client"], "requestId": r["requestId"]}})
            self.out.append({"kind": "reply", "client": r["client"], "requestId": r["requestId"], "result": result})

    def complete(self, seq, digest):
        return seq in self.committed and len(self.commit_votes.get((seq, digest), ())) >= self.n

    def resend_votes(self, seq, pp):
        self.out.append({"kind": "broadcast", "payload": self.vote("PREPARE", pp)})
        if seq in self.sent_commit:
            self.out.append({"kind": "broadcast", "payload": self.vote("COMMIT", pp)})

    def arm_resend(self):
        if not self.resend_armed:
            self.resend_armed = True
            self.out.append({"kind": "setTimer", "id": RESEND, "afterMs": self.resend_ms})


def write(obj, flush=True):
    sys.stdout.write(json.dumps(obj, separators=(",", ":")) + "\n")
    if flush:
        sys.stdout.flush()


def step(node, line):
    if line["type"] == "reset":
        return Node(line["config"])
    if line["type"] == "message":
        node.on_message(line["from"], line["payload"])
    elif line["type"] == "timer":
        node.on_timer(line["id"])
    elif line["type"] == "request":
        node.on_request(line["client"], line["requestId"], line["operation"])
    return node


def main():
    node = None
    for text in iter(sys.stdin.readline, ""):
        line = json.loads(text)
        if line["type"] == "hello":
            write({"type": "hello", "protocol": PROTOCOL, "name": "seed002-python"})
            continue
        try:
            node = step(node, line)
            # "more": another event follows at once (protocol 2), so this answer may wait in the buffer.
            write({"type": "done", "effects": node.take()}, flush=not line.get("more"))
        except Exception:  # a bug here is a finding about this replica, reported in-band
            write({"type": "error", "message": traceback.format_exc()}, flush=not line.get("more"))


if __name__ == "__main__":
    main()
