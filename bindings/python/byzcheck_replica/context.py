"""What a replica acts through: the step's effects, and byzcheck's signer, verifier and randomness."""


class Config:
    """This replica's configuration, from byzcheck's ``reset`` line."""

    __slots__ = ("id", "n", "f", "clients")

    def __init__(self, raw):
        self.id, self.n, self.f = raw["id"], raw["n"], raw["f"]
        self.clients = tuple(raw["clients"])

    def __repr__(self):
        return "Config(id=%d, n=%d, f=%d, clients=%r)" % (self.id, self.n, self.f, self.clients)


class Request:
    """A client request: ``client``, ``request_id``, ``operation`` and, when clients sign, ``signature``."""

    __slots__ = ("client", "request_id", "operation", "signature")

    def __init__(self, line):
        self.client, self.request_id, self.operation = line["client"], line["requestId"], line["operation"]
        self.signature = line.get("signature")

    def signing_data(self):
        """The text the client signed: ``REQUEST|<client>|<requestId>|<UTF-16 length>|<operation>``."""
        utf16_length = len(self.operation.encode("utf-16-le")) // 2
        return "REQUEST|%d|%d|%d|%s" % (self.client, self.request_id, utf16_length, self.operation)

    def __repr__(self):
        return "Request(client=%d, request_id=%d, operation=%r)" % (self.client, self.request_id, self.operation)


def _origin(origin):
    if origin is None or isinstance(origin, dict):
        return origin
    client, request_id = origin  # a (client, requestId) pair
    return {"client": client, "requestId": request_id}


class Context:
    """The replica's handle on byzcheck. Effects are collected and sent in the step's ``done`` line;
    ``sign``, ``verify`` and ``random`` ask byzcheck in the middle of the step (``ask`` does the I/O)."""

    def __init__(self, config, ask):
        self.config = config
        self._ask = ask
        self._effects = []
        self._now = 0
        # Protocol 3: signatures byzcheck vouched for since the reset, as signature -> (signer, data).
        self._vouched = {}

    # -- configuration ------------------------------------------------------------------------
    @property
    def id(self):
        """This replica's id (replicas are ``0 … n-1``)."""
        return self.config.id

    @property
    def n(self):
        """Number of replicas."""
        return self.config.n

    @property
    def f(self):
        """Faults tolerated: ``(n - 1) // 3``."""
        return self.config.f

    @property
    def clients(self):
        """The simulated clients' node ids."""
        return self.config.clients

    def now(self):
        """The current virtual time in ms (informative: a deterministic replica must not need it)."""
        return self._now

    # -- effects ------------------------------------------------------------------------------
    def send(self, to, payload):
        """Send a JSON payload to node ``to`` (a replica or a client)."""
        self._effects.append({"kind": "send", "to": to, "payload": payload})

    def broadcast(self, payload):
        """Send to every other replica (not to yourself, not to clients)."""
        self._effects.append({"kind": "broadcast", "payload": payload})

    def set_timer(self, timer_id, after_ms):
        """Arm (or re-arm) timer ``timer_id`` to fire after ``after_ms`` virtual ms."""
        self._effects.append({"kind": "setTimer", "id": timer_id, "afterMs": after_ms})

    def cancel_timer(self, timer_id):
        """Disarm timer ``timer_id`` (no-op if not armed)."""
        self._effects.append({"kind": "cancelTimer", "id": timer_id})

    def commit(self, seq, value):
        """Record the decision of ``value`` at ``seq`` (agreement judges these)."""
        self._effects.append({"kind": "commit", "seq": seq, "value": value})

    def execute(self, seq, operation, result, origin=None):
        """Record the execution of ``operation`` at ``seq``; ``origin`` is ``(client, requestId)`` or a dict."""
        effect = {"kind": "execute", "seq": seq, "operation": operation, "result": result}
        if origin is not None:
            effect["origin"] = _origin(origin)
        self._effects.append(effect)

    def reply(self, client, request_id, result):
        """Answer a client (it accepts on f+1 matching replies)."""
        self._effects.append({"kind": "reply", "client": client, "requestId": request_id, "result": result})

    def install_state(self, seq, digest):
        """Record a state transfer up to ``seq`` instead of executing."""
        self._effects.append({"kind": "installState", "seq": seq, "digest": digest})

    def membership(self, from_seq, members):
        """Declare the replicas you order with from ``from_seq`` on."""
        self._effects.append({"kind": "membership", "fromSeq": from_seq, "members": list(members)})

    def log(self, message):
        """A diagnostic line, kept in traces (use stderr or ``print`` for chatter that should not be)."""
        self._effects.append({"kind": "log", "message": str(message)})

    # -- byzcheck's keys and randomness (answered in the middle of the step) -------------------
    def sign(self, data):
        """Your signature of the string ``data``."""
        return self._ask({"type": "sign", "data": data}, "signature")["signature"]

    def verify(self, signer, data, signature):
        """Whether ``signature`` is ``signer``'s signature of ``data``; never raises on garbage."""
        if not isinstance(signer, int) or isinstance(signer, bool) or signer < 0 or not isinstance(data, str) or not isinstance(signature, str):
            return False
        # Vouched for by byzcheck for exactly this signer and data: valid, no round trip. Anything
        # else is asked (byzcheck counts an honest replica's rejected signatures).
        if self._vouched.get(signature) == (signer, data):
            return True
        return self._ask({"type": "verify", "signer": signer, "data": data, "signature": signature}, "verified")["valid"]

    def verify_request(self, request):
        """Whether a :class:`Request` carries its client's valid signature."""
        return request.signature is not None and self.verify(request.client, request.signing_data(), request.signature)

    def random(self):
        """A number in [0, 1) from the run's seeded generator (use it instead of ``random``)."""
        return self._ask({"type": "random"}, "random")["value"]

    def _learn(self, facts):
        for fact in facts or ():
            self._vouched[fact["signature"]] = (fact["signer"], fact["data"])

    def _take(self):
        effects, self._effects = self._effects, []
        return effects
