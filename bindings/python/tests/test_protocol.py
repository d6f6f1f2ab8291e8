"""The binding speaks docs/subprocess-protocol.md: handshake, reset, effects, asks, errors."""
import io
import json
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from byzcheck_replica import Replica, run  # noqa: E402


class Counter(Replica):
    name = "counter"
    count = 0

    def on_init(self):
        self.ctx.set_timer("tick", 100)

    def on_message(self, sender, payload):
        self.count += 1
        if payload == "boom":
            raise ValueError("boom from %d" % sender)
        if payload == "print":
            print("chatter that must not reach the protocol")
        if payload == "sign":
            self.ctx.broadcast({"sig": self.ctx.sign("data"), "ok": self.ctx.verify(1, "data", "s"), "r": self.ctx.random()})
            return
        self.ctx.send(sender, {"count": self.count, "now": self.ctx.now()})

    def on_timer(self, timer_id):
        self.ctx.cancel_timer(timer_id)
        self.ctx.log("timer %s" % timer_id)

    def on_request(self, r):
        self.ctx.commit(1, r.operation)
        self.ctx.execute(1, r.operation, "ok", origin=(r.client, r.request_id))
        self.ctx.execute(2, "noop", "ok")
        self.ctx.reply(r.client, r.request_id, "ok")
        self.ctx.install_state(1, "d")
        self.ctx.membership(0, [0, 1, 2, 3])


def exchange(lines, factory=Counter):
    out = io.StringIO()
    run(factory, stdin=io.StringIO("".join(json.dumps(l) + "\n" for l in lines)), stdout=out)
    return [json.loads(l) for l in out.getvalue().splitlines()]


HELLO = {"type": "hello", "protocol": 1}
RESET = {"type": "reset", "config": {"id": 0, "n": 4, "f": 1, "clients": [4]}}


def msg(payload, sender=1, now=5):
    return {"type": "message", "now": now, "from": sender, "payload": payload}


class ProtocolTest(unittest.TestCase):
    def test_handshake_names_the_replica(self):
        self.assertEqual(exchange([HELLO]), [{"type": "hello", "protocol": 1, "name": "counter"}])

    def test_reset_answers_done_without_effects_and_init_arms_timers(self):
        self.assertEqual(exchange([RESET, {"type": "init", "now": 0}]),
                         [{"type": "done"}, {"type": "done", "effects": [{"kind": "setTimer", "id": "tick", "afterMs": 100}]}])

    def test_reset_forgets_the_previous_run(self):
        got = exchange([RESET, msg(1), msg(1), RESET, msg(1)])
        counts = [l["effects"][0]["payload"]["count"] for l in got if l.get("effects")]
        self.assertEqual(counts, [1, 2, 1])

    def test_message_effect_carries_now_and_sender(self):
        got = exchange([RESET, msg("x", sender=2, now=12)])
        self.assertEqual(got[1]["effects"], [{"kind": "send", "to": 2, "payload": {"count": 1, "now": 12}}])

    def test_every_effect_kind_has_the_protocol_shape(self):
        got = exchange([RESET, {"type": "request", "now": 1, "client": 4, "requestId": 7, "operation": "put a 1"},
                        {"type": "timer", "now": 2, "id": "tick"}])
        self.assertEqual(got[1]["effects"], [
            {"kind": "commit", "seq": 1, "value": "put a 1"},
            {"kind": "execute", "seq": 1, "operation": "put a 1", "result": "ok", "origin": {"client": 4, "requestId": 7}},
            {"kind": "execute", "seq": 2, "operation": "noop", "result": "ok"},
            {"kind": "reply", "client": 4, "requestId": 7, "result": "ok"},
            {"kind": "installState", "seq": 1, "digest": "d"},
            {"kind": "membership", "fromSeq": 0, "members": [0, 1, 2, 3]},
        ])
        self.assertEqual(got[2]["effects"], [{"kind": "cancelTimer", "id": "tick"}, {"kind": "log", "message": "timer tick"}])

    def test_sign_verify_random_are_asked_mid_step(self):
        got = exchange([RESET, msg("sign"), {"type": "signature", "signature": "S"},
                        {"type": "verified", "valid": True}, {"type": "random", "value": 0.25}])
        self.assertEqual(got[1:], [
            {"type": "sign", "data": "data"},
            {"type": "verify", "signer": 1, "data": "data", "signature": "s"},
            {"type": "random"},
            {"type": "done", "effects": [{"kind": "broadcast", "payload": {"sig": "S", "ok": True, "r": 0.25}}]},
        ])

    def test_an_exception_becomes_an_error_line_and_the_process_serves_the_next_run(self):
        got = exchange([RESET, msg("boom"), RESET, msg(1)])
        self.assertEqual(got[1]["type"], "error")
        self.assertIn("ValueError: boom from 1", got[1]["message"])
        self.assertIn("Traceback", got[1]["message"])
        self.assertEqual(got[3]["effects"][0]["payload"]["count"], 1)

    def test_an_event_before_reset_is_an_error(self):
        got = exchange([msg(1)])
        self.assertEqual(got[0]["type"], "error")
        self.assertIn("before a successful reset", got[0]["message"])

    def test_print_goes_to_stderr_not_to_the_protocol(self):
        got = exchange([RESET, msg("print")])
        self.assertEqual([l["type"] for l in got], ["done", "done"])

    def test_a_verify_of_garbage_is_false_without_asking(self):
        class V(Replica):
            def on_message(self, sender, payload):
                self.ctx.log(str(self.ctx.verify("1", "d", None)))
        self.assertEqual(exchange([RESET, msg(1)], V)[1]["effects"], [{"kind": "log", "message": "False"}])

    def test_nan_is_refused_in_band(self):
        class N(Replica):
            def on_message(self, sender, payload):
                self.ctx.send(1, float("nan"))
        got = exchange([RESET, msg(1)], N)
        self.assertEqual(got[1]["type"], "error")

    def test_request_signing_data_counts_utf16_units(self):
        from byzcheck_replica import Request
        r = Request({"client": 4, "requestId": 1, "operation": "put 😀"})
        self.assertEqual(r.signing_data(), "REQUEST|4|1|6|put 😀")


HELLO_V2 = {"type": "hello", "protocol": 1, "newest": 2}
HELLO_V3 = {"type": "hello", "protocol": 1, "newest": 3}


class FlushCounter(io.StringIO):
    """A stdout that records, at each flush, how many complete lines it has seen so far."""

    def __init__(self):
        super().__init__()
        self.flushed_at = []

    def flush(self):
        self.flushed_at.append(self.getvalue().count("\n"))


class ProtocolTwoTest(unittest.TestCase):
    def test_a_harness_gets_the_newest_version_both_speak(self):
        self.assertEqual(exchange([HELLO_V2])[0]["protocol"], 2)
        self.assertEqual(exchange([HELLO_V3])[0]["protocol"], 3)
        self.assertEqual(exchange([{"type": "hello", "protocol": 1, "newest": 4}])[0]["protocol"], 4)
        self.assertEqual(exchange([{"type": "hello", "protocol": 1, "newest": 5}])[0]["protocol"], 4)
        self.assertEqual(exchange([HELLO])[0]["protocol"], 1)

    def test_a_verify_of_a_vouched_signature_is_answered_without_asking(self):
        vouched = dict(msg("sign"), signed=[{"signature": "s", "signer": 1, "data": "data"}])
        got = exchange([HELLO_V3, RESET, vouched, {"type": "signature", "signature": "S"}, {"type": "random", "value": 0.5}])
        self.assertEqual(got[2:], [
            {"type": "sign", "data": "data"},
            {"type": "random"},
            {"type": "done", "effects": [{"kind": "broadcast", "payload": {"sig": "S", "ok": True, "r": 0.5}}]},
        ])
        # Vouched for another signer: asked. After a reset: forgotten, asked again.
        other = dict(msg("sign"), signed=[{"signature": "s", "signer": 2, "data": "data"}])
        answers = [{"type": "signature", "signature": "S"}, {"type": "verified", "valid": False}, {"type": "random", "value": 0.5}]
        self.assertEqual(exchange([HELLO_V3, RESET, other] + answers)[3]["type"], "verify")
        told = dict(msg(1), signed=[{"signature": "s", "signer": 1, "data": "data"}])
        self.assertEqual(exchange([HELLO_V3, RESET, told, RESET, msg("sign")] + answers)[5]["type"], "verify")

    def test_events_written_ahead_during_an_ask_are_handled_after_the_step_in_order(self):
        got = exchange([HELLO_V2, RESET, dict(msg("sign"), more=True), dict(msg(1, sender=2), more=True), msg(1, sender=3),
                        {"type": "signature", "signature": "S"}, {"type": "verified", "valid": False},
                        {"type": "random", "value": 0.5}])
        self.assertEqual(got[2:], [
            {"type": "sign", "data": "data"},
            {"type": "verify", "signer": 1, "data": "data", "signature": "s"},
            {"type": "random"},
            {"type": "done", "effects": [{"kind": "broadcast", "payload": {"sig": "S", "ok": False, "r": 0.5}}]},
            {"type": "done", "effects": [{"kind": "send", "to": 2, "payload": {"count": 2, "now": 5}}]},
            {"type": "done", "effects": [{"kind": "send", "to": 3, "payload": {"count": 3, "now": 5}}]},
        ])

    def test_one_process_hosts_several_instances_each_with_its_own_state(self):
        other = {"type": "reset", "config": {"id": 1, "n": 4, "f": 1, "clients": [4]}}
        tag = lambda line, replica: dict(line, replica=replica)  # noqa: E731
        got = exchange([{"type": "hello", "protocol": 1, "newest": 4}, tag(RESET, 0), tag(other, 1), tag(msg(1), 0),
                        tag(msg(1), 0), tag(msg(1), 1), tag(RESET, 0), tag(msg(1), 0), tag(msg(1), 1), tag(msg(1), 7)])
        self.assertEqual(got[0]["protocol"], 4)
        counts = [line["effects"][0]["payload"]["count"] for line in got[3:9] if "effects" in line]
        # Instance 0 counts 1, 2; instance 1 on its own; a reset of 0 starts it afresh.
        self.assertEqual(counts, [1, 2, 1, 1, 2])
        self.assertEqual(got[9]["type"], "error")
        self.assertIn("before a successful reset", got[9]["message"])

    def test_protocol_1_refuses_an_event_in_place_of_an_answer(self):
        got = exchange([HELLO, RESET, msg("sign"), msg(1)])
        self.assertEqual(got[2]["type"], "sign")
        self.assertEqual(got[3]["type"], "error")
        self.assertIn("asked 'sign', byzcheck answered 'message'", got[3]["message"])

    def test_a_done_after_an_event_with_more_waits_for_the_next_flush(self):
        out = FlushCounter()
        lines = [HELLO_V2, RESET, dict(msg(1), more=True), dict(msg(1), more=True), msg(1), dict(msg("sign"), more=True),
                 {"type": "signature", "signature": "S"}, {"type": "verified", "valid": True}, {"type": "random", "value": 0.1}, msg(1)]
        run(Counter, stdin=io.StringIO("".join(json.dumps(l) + "\n" for l in lines)), stdout=out)
        # hello, reset, the group of three dones at once, each question before its answer is read,
        # the done of the "more" event with the next event's done, then the final flush at EOF.
        self.assertEqual(out.flushed_at, [1, 2, 5, 6, 7, 8, 10, 10])

    def test_an_error_after_an_event_with_more_waits_too(self):
        out = FlushCounter()
        lines = [HELLO_V2, RESET, dict(msg("boom"), more=True), msg(1)]
        run(Counter, stdin=io.StringIO("".join(json.dumps(l) + "\n" for l in lines)), stdout=out)
        self.assertEqual(out.flushed_at, [1, 2, 4, 4])


class HashSeedTest(unittest.TestCase):
    def test_a_random_hash_seed_is_replaced_by_a_fixed_one(self):
        script = ("import sys; sys.path.insert(0, %r)\n"
                  "from byzcheck_replica import Replica, run\n"
                  "class H(Replica):\n"
                  "    def on_message(self, s, p): self.ctx.log(str(hash('byzcheck')))\n"
                  "run(H)\n") % os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
        lines = json.dumps(RESET) + "\n" + json.dumps(msg(1)) + "\n"
        outs = set()
        for _ in range(2):
            p = subprocess.run([sys.executable, "-c", script], input=lines, capture_output=True, text=True, env=env, check=True)
            outs.add(p.stdout.splitlines()[1])
        self.assertEqual(len(outs), 1)


if __name__ == "__main__":
    unittest.main()
