"""The base class a replica subclasses: one instance per run (byzcheck's ``reset``)."""


class Replica:
    """A deterministic event handler. Override the handlers you need; act through ``self.ctx``.

    A new instance is built at every ``reset``, so plain attributes are per-run state: nothing
    leaks from one run into the next.
    """

    #: Free text sent in the handshake.
    name = "python-replica"

    def __init__(self, ctx):
        self.ctx = ctx

    def on_init(self):
        """Start (virtual time 0), or a restart after a crash that kept state: arm timers here."""

    def on_message(self, sender, payload):
        """A message from replica ``sender``; ``payload`` is any JSON value (validate it)."""

    def on_timer(self, timer_id):
        """Timer ``timer_id`` fired."""

    def on_request(self, request):
        """A client :class:`~byzcheck_replica.Request` (it may arrive again: clients retransmit)."""
