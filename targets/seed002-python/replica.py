#!/usr/bin/env python3
"""Seed 002's PBFT node as a byzcheck subprocess replica (Python 3 standard library only).

The node logic of seed 002 (002_9db5b4e68f37fa2c.txt): primary fixed at replica 0, no view change,
PRE-PREPARE -> PREPARE (quorum 2f+1) -> COMMIT (quorum 2f+1), votes counted per (seq, digest), the
first PRE-PREPARE per seq wins. It mirrors targets/seed002/replica.ts effect for effect, so both give
byte-identical traces. The protocol is spoken by the byzcheck_replica binding (bindings/python),
version 2 (events written ahead, one flush per group) since the binding speaks it.
"""
import hashlib
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bindings", "python"))
from byzcheck_replica import Replica, run  # noqa: E402

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


class Node(Replica):
    name = "seed002-python"

    def __init__(self, ctx):
        super().__init__(ctx)
        self.id, self.n = ctx.id, ctx.n
        self.quorum = 2 * ctx.f + 1  # the seed's _q_prepare and _q_commit
        self.pre_prepared, self.prepare_votes, self.commit_votes = {}, {}, {}
        self.committed, self.sent_commit, self.proposed, self.results = {}, set(), set(), {}
        self.next_seq, self.last_executed = 1, 0
        self.resend_ms, self.resend_armed = RESEND_BASE_MS, False

    def on_request(self, r):
        client, request_id, operation = r.client, r.request_id, r.operation
        key = "%d/%d" % (client, request_id)
        if key in self.results:
            self.ctx.reply(client, request_id, self.results[key])
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
                self.ctx.broadcast(pp)
            self.resend_votes(seq, pp)
        self.resend_ms = min(self.resend_ms * 2, RESEND_CAP_MS) if pending else RESEND_BASE_MS
        if pending:
            self.arm_resend()

    def handle(self, sender, m):
        {"PRE-PREPARE": self.on_pre_prepare, "PREPARE": self.on_prepare, "COMMIT": self.on_commit}[m["type"]](sender, m)

    def broadcast_and_handle(self, m):
        # The seed's broadcast reaches the sender too: handle our own copy right after sending.
        self.ctx.broadcast(m)
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
            self.ctx.send(sender, self.vote("COMMIT", pp))
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
        self.ctx.commit(m["seq"], m["digest"])
        self.execute_ready()

    def execute_ready(self):
        while self.last_executed + 1 in self.committed:
            seq = self.last_executed + 1
            r = self.pre_prepared[seq]["request"]
            self.last_executed = seq
            result = "ok:%d" % seq
            self.results["%d/%d" % (r["client"], r["requestId"])] = result
            self.ctx.execute(seq, r["operation"], result, origin=(r["client"], r["requestId"]))
            self.ctx.reply(r["client"], r["requestId"], result)

    def complete(self, seq, digest):
        return seq in self.committed and len(self.commit_votes.get((seq, digest), ())) >= self.n

    def resend_votes(self, seq, pp):
        self.ctx.broadcast(self.vote("PREPARE", pp))
        if seq in self.sent_commit:
            self.ctx.broadcast(self.vote("COMMIT", pp))

    def arm_resend(self):
        if not self.resend_armed:
            self.resend_armed = True
            self.ctx.set_timer(RESEND, self.resend_ms)


if __name__ == "__main__":
    run(Node)
