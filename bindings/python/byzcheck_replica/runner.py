"""The protocol loop: handshake, reset, one ``done`` (or ``error``) line per step."""
import json
import os
import random
import sys
import traceback

from .context import Config, Context, Request

#: The subprocess protocol version this module speaks.
PROTOCOL = 1


class ProtocolError(Exception):
    """byzcheck sent something this module did not expect (a bug on one side of the pipe)."""


def _hash_seed_is_fixed():
    seed = os.environ.get("PYTHONHASHSEED", "")
    return seed.isdigit() or not sys.flags.hash_randomization


def _reexec_with_fixed_hash_seed():
    # Set iteration order of str/bytes depends on the hash seed: a random one makes a replica that
    # iterates a set nondeterministic. Restart this very program with PYTHONHASHSEED=0.
    argv = list(getattr(sys, "orig_argv", [sys.executable] + sys.argv))
    env = dict(os.environ, PYTHONHASHSEED="0")
    sys.stdout.flush()
    os.execve(sys.executable, [sys.executable] + argv[1:], env)


class _Session:
    def __init__(self, factory, name, stdin, stdout):
        self.factory, self.name = factory, name
        self.stdin, self.stdout = stdin, stdout
        self.replica, self.ctx = None, None

    def write(self, obj):
        self.write_text(json.dumps(obj, separators=(",", ":"), allow_nan=False))

    def write_text(self, text):
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def read(self):
        text = self.stdin.readline()
        if text == "":
            return None
        return json.loads(text)

    def ask(self, question, answer_type):
        self.write(question)
        answer = self.read()
        if answer is None:
            raise EOFError("stdin closed while waiting for byzcheck's '%s' answer" % answer_type)
        if answer.get("type") != answer_type:
            raise ProtocolError("asked %r, byzcheck answered %r" % (question["type"], answer.get("type")))
        return answer

    def reset(self, line):
        config = Config(line["config"])
        # The stdlib generator is not byzcheck's, but reseeding it per replica and run keeps a stray
        # random.random() reproducible; ctx.random() is the one that follows the run's seed.
        random.seed("byzcheck:%d" % config.id)
        self.replica, self.ctx = None, Context(config, self.ask)
        self.replica = self.factory(self.ctx)

    def dispatch(self, line):
        kind = line["type"]
        if kind == "reset":
            self.reset(line)
            return []
        if self.replica is None:
            raise ProtocolError("event %r before a successful reset" % kind)
        self.ctx._now = line.get("now", 0)
        self.ctx._take()
        if kind == "init":
            self.replica.on_init()
        elif kind == "message":
            self.replica.on_message(line["from"], line["payload"])
        elif kind == "timer":
            self.replica.on_timer(line["id"])
        elif kind == "request":
            self.replica.on_request(Request(line))
        else:
            raise ProtocolError("unknown event type %r" % kind)
        return self.ctx._take()

    def serve(self):
        while True:
            line = self.read()
            if line is None:
                return
            if line.get("type") == "hello":
                if line.get("protocol") != PROTOCOL:
                    sys.stderr.write("byzcheck speaks protocol %r; this module speaks %d\n" % (line.get("protocol"), PROTOCOL))
                self.write({"type": "hello", "protocol": PROTOCOL, "name": self.name})
                continue
            try:
                effects = self.dispatch(line)
                # Encoded here so that a payload JSON cannot carry (NaN, a set) is an error line too.
                done = json.dumps({"type": "done", "effects": effects} if effects else {"type": "done"},
                                  separators=(",", ":"), allow_nan=False)
            except EOFError:
                return
            except Exception:  # a bug in the replica is a finding about it, reported in-band
                if line.get("type") == "reset":
                    self.replica = None
                self.write({"type": "error", "message": traceback.format_exc()})
                continue
            self.write_text(done)


def run(factory, name=None, stdin=None, stdout=None, fix_hash_seed=True):
    """Serves byzcheck on stdin/stdout until stdin closes.

    ``factory(ctx)`` builds a fresh replica at every reset (a :class:`Replica` subclass is one).
    While it runs, ``print`` goes to stderr: stdout carries the protocol only. With the real stdin
    and ``fix_hash_seed``, a process started without a fixed ``PYTHONHASHSEED`` restarts itself with
    ``PYTHONHASHSEED=0`` first, so set iteration order cannot differ between two runs of a scenario.
    """
    real_stdio = stdin is None and stdout is None
    if real_stdio and fix_hash_seed and not _hash_seed_is_fixed():
        _reexec_with_fixed_hash_seed()
    name = name or getattr(factory, "name", None) or "python-replica"
    protocol_out = stdout or sys.stdout
    saved_stdout = sys.stdout
    sys.stdout = sys.stderr
    try:
        _Session(factory, name, stdin or sys.stdin, protocol_out).serve()
    finally:
        sys.stdout = saved_stdout
