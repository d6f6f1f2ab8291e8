#!/usr/bin/env python3
"""A tiny byzcheck replica: replica 0 numbers requests and broadcasts them; everyone executes
whatever replica 0 says, in order. No quorums: byzcheck shows how a lying replica 0 breaks it."""
import json, sys

def write(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()

me, next_seq = None, 1
for line in iter(sys.stdin.readline, ""):
    ev, effects = json.loads(line), []
    if ev["type"] == "hello":
        write({"type": "hello", "protocol": 1, "name": "tiny"})
        continue
    if ev["type"] == "reset":
        me, next_seq = ev["config"]["id"], 1
    elif ev["type"] == "request" and me == 0:
        order = {"seq": next_seq, "client": ev["client"], "requestId": ev["requestId"], "op": ev["operation"]}
        next_seq += 1
        effects.append({"kind": "broadcast", "payload": order})
        ev = {"type": "message", "from": 0, "payload": order}
    if ev["type"] == "message" and ev["from"] == 0:
        o = ev["payload"]
        effects += [{"kind": "commit", "seq": o["seq"], "value": o["op"]},
                    {"kind": "execute", "seq": o["seq"], "operation": o["op"], "result": "ok",
                     "origin": {"client": o["client"], "requestId": o["requestId"]}},
                    {"kind": "reply", "client": o["client"], "requestId": o["requestId"], "result": "ok"}]
    write({"type": "done", "effects": effects})
