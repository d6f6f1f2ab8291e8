#!/usr/bin/env python3
"""A tiny byzcheck replica: replica 0 numbers requests and broadcasts them; everyone executes
whatever replica 0 says, in order. No quorums: byzcheck shows how a lying replica 0 breaks it."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bindings", "python"))
from byzcheck_replica import Replica, run

class Tiny(Replica):
    name, next_seq = "tiny", 1

    def on_request(self, r):
        if self.ctx.id != 0:
            return
        order = {"seq": self.next_seq, "client": r.client, "requestId": r.request_id, "op": r.operation}
        self.next_seq += 1
        self.ctx.broadcast(order)
        self.decide(order)

    def on_message(self, sender, o):
        if sender == 0:
            self.decide(o)

    def decide(self, o):
        self.ctx.commit(o["seq"], o["op"])
        self.ctx.execute(o["seq"], o["op"], "ok", origin=(o["client"], o["requestId"]))
        self.ctx.reply(o["client"], o["requestId"], "ok")

if __name__ == "__main__":
    run(Tiny)
