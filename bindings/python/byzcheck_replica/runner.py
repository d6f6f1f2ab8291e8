"""The protocol loop: handshake, reset, one ``done`` (or ``error``) line per step."""
import collections
import json
import json.scanner
import os
import random
import sys
import traceback

from .context import Config, Context, Request

#: The newest subprocess protocol version this module speaks (it speaks 1 to 3 too, to older harnesses).
#: Protocol 4: one process hosts several replica instances, named by the ``replica`` field of an event.
PROTOCOL = 4

#: One encoder for every line: ``json.dumps`` with options builds a new encoder per call, which cost
#: as much as the encoding itself for a replica's small lines.
_encode = json.JSONEncoder(separators=(",", ":"), allow_nan=False).encode
_decode = json.JSONDecoder().decode
#: The decoder's scanner without ``decode``'s whitespace checks around it: byzcheck writes each
#: line as one compact JSON object (a line that is not one still fails, in ``read``).
_scan = json.scanner.make_scanner(json.JSONDecoder())
#: The answer to most events (no effects), encoded once.
_DONE = '{"type":"done"}'

#: The lines byzcheck writes that are events (steps); in protocol 2 they may arrive ahead of time.
_EVENTS = frozenset(("reset", "init", "message", "timer", "request"))


def _chosen_protocol(hello):
    """The version to answer a harness ``hello`` with: the newest both sides speak."""
    oldest, newest = hello.get("protocol"), hello.get("newest", hello.get("protocol"))
    if isinstance(oldest, int) and isinstance(newest, int) and 1 <= oldest <= min(newest, PROTOCOL):
        return min(newest, PROTOCOL)
    if oldest == 1 or not isinstance(oldest, int):
        return 1
    sys.stderr.write("byzcheck speaks protocols %r to %r; this module speaks 1 to %d\n" % (oldest, newest, PROTOCOL))
    return 1


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
        #: The hosted replica instances as key -> (replica, ctx); the key is an event's ``replica``
        #: field (protocol 4), None for the one instance of older protocols.
        self.hosted = {}
        self.protocol = 1
        # Protocol 2: event lines read while waiting for an in-band answer, handled after the step.
        self.pending = collections.deque()
        #: Answers not written yet (see :meth:`write_text`).
        self.out = []

    def write(self, obj, flush=True):
        self.write_text(_encode(obj), flush)

    def write_text(self, text, flush=True):
        # Lines of a group wait in a list and reach the stream in one write: a text stream's write
        # costs more per call than per character.
        out = self.out
        out.append(text)
        if flush:
            out.append("")
            self.stdout.write("\n".join(out))
            out.clear()
            self.stdout.flush()

    def read(self):
        text = self.stdin.readline()
        if text == "":
            return None
        try:
            value, end = _scan(text, 0)
        except StopIteration:
            return _decode(text)  # raises the decoder's own error for a line that is not JSON
        return value if end >= len(text) - 1 else _decode(text)

    def next_event(self):
        return self.pending.popleft() if self.pending else self.read()

    def ask(self, question, answer_type):
        self.write(question)  # flushed: byzcheck cannot answer what it has not seen
        while True:
            answer = self.read()
            if answer is None:
                raise EOFError("stdin closed while waiting for byzcheck's '%s' answer" % answer_type)
            kind = answer.get("type")
            if kind == answer_type:
                return answer
            if self.protocol < 2 or kind not in _EVENTS:
                raise ProtocolError("asked %r, byzcheck answered %r" % (question["type"], kind))
            self.pending.append(answer)  # written ahead (protocol 2): its turn comes after this step

    def reset(self, line, key):
        config = Config(line["config"])
        # The stdlib generator is not byzcheck's, but reseeding it per replica and run keeps a stray
        # random.random() reproducible; ctx.random() is the one that follows the run's seed.
        random.seed("byzcheck:%d" % config.id)
        self.hosted.pop(key, None)
        ctx = Context(config, self.ask)
        self.hosted[key] = (self.factory(ctx), ctx)

    def dispatch(self, line):
        kind = line["type"]
        key = line.get("replica")
        if kind == "reset":
            self.reset(line, key)
            return []
        hosted = self.hosted.get(key)
        if hosted is None:
            raise ProtocolError("event %r before a successful reset" % kind)
        replica, ctx = hosted
        ctx._now = line.get("now", 0)
        ctx._take()
        # Learned when the event is handled, not when read: a fact holds from its own event on.
        signed = line.get("signed")
        if signed:
            ctx._learn(signed)
        if kind == "message":
            replica.on_message(line["from"], line["payload"])
        elif kind == "init":
            replica.on_init()
        elif kind == "timer":
            replica.on_timer(line["id"])
        elif kind == "request":
            replica.on_request(Request(line))
        else:
            raise ProtocolError("unknown event type %r" % kind)
        return ctx._take()

    def serve(self):
        try:
            self.serve_lines()
        finally:
            try:
                if self.out:
                    self.out.append("")
                    self.stdout.write("\n".join(self.out))
                    self.out.clear()
                self.stdout.flush()
            except (BrokenPipeError, ValueError):
                pass  # byzcheck is gone: nobody reads what is left in the buffer

    def serve_lines(self):
        while True:
            line = self.next_event()
            if line is None:
                return
            if line.get("type") == "hello":
                self.protocol = _chosen_protocol(line)
                self.write({"type": "hello", "protocol": self.protocol, "name": self.name})
                continue
            # "more": another event line follows at once (protocol 2), so this answer may wait in
            # the buffer and reach byzcheck with the next one: one wake-up per group of events.
            flush = line.get("more") is not True
            try:
                effects = self.dispatch(line)
                # Encoded here so that a payload JSON cannot carry (NaN, a set) is an error line too.
                done = _encode({"type": "done", "effects": effects}) if effects else _DONE
            except EOFError:
                return
            except Exception:  # a bug in the replica is a finding about it, reported in-band
                if line.get("type") == "reset":
                    self.hosted.pop(line.get("replica"), None)
                self.write({"type": "error", "message": traceback.format_exc()}, flush)
                continue
            self.write_text(done, flush)


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
