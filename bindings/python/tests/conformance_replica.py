#!/usr/bin/env python3
"""The conformance replica of docs/conformance/protocol-v1.json ("replica"), on the Python binding."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from byzcheck_replica import Replica, run  # noqa: E402


class Conformance(Replica):
    name = "conformance-python"
    count = 0

    def on_init(self):
        self.ctx.log("init")
        self.ctx.set_timer("t", 10)

    def on_timer(self, timer_id):
        self.ctx.log("timer " + timer_id)

    def on_request(self, r):
        if r.signature is not None:
            self.ctx.log("request signature " + ("valid" if self.ctx.verify_request(r) else "invalid"))
        self.ctx.reply(r.client, r.request_id, r.operation)

    def on_message(self, sender, payload):
        if not (isinstance(payload, dict) and isinstance(payload.get("do"), list)):
            self.ctx.log("ignored")
            return
        for action in payload["do"]:
            self.act(sender, payload, action[0], action[1:])

    def act(self, sender, payload, name, a):
        ctx = self.ctx
        if name == "execute" and len(a) == 5:
            ctx.execute(a[0], a[1], a[2], origin=(a[3], a[4]))
        elif name in ("send", "broadcast", "commit", "execute", "reply", "log"):
            getattr(ctx, name)(*a)
        elif name in ("setTimer", "cancelTimer", "installState", "membership"):
            {"setTimer": ctx.set_timer, "cancelTimer": ctx.cancel_timer, "installState": ctx.install_state, "membership": ctx.membership}[name](*a)
        elif name == "sign":
            ctx.broadcast({"signed": ctx.sign(a[0])})
        elif name == "verify":
            ctx.broadcast({"valid": ctx.verify(a[0], a[1], a[2])})
        elif name == "random":
            ctx.broadcast({"random": ctx.random()})
        elif name == "count":
            self.count += 1
            ctx.broadcast({"count": self.count})
        elif name == "config":
            ctx.broadcast({"id": ctx.id, "n": ctx.n, "f": ctx.f, "clients": list(ctx.clients)})
        elif name == "now":
            ctx.broadcast({"now": ctx.now()})
        elif name == "echo":
            ctx.send(sender, payload)
        elif name == "fail":
            raise RuntimeError(a[0])


if __name__ == "__main__":
    run(Conformance)
