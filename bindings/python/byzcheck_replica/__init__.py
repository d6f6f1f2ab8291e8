"""byzcheck_replica: write a byzcheck replica in Python (standard library only, Python >= 3.9).

Subclass :class:`Replica`, override the handlers you need, and call :func:`run`. The module speaks
byzcheck's subprocess protocol (docs/subprocess-protocol.md) for you: the handshake, a fresh
replica at every ``reset``, one ``done`` line per step, ``sign``/``verify``/``random`` in the middle
of a step, and a traceback turned into the protocol's ``error`` line.
"""
from .context import Config, Context, Request
from .replica import Replica
from .runner import PROTOCOL, ProtocolError, run

__all__ = ["Config", "Context", "PROTOCOL", "ProtocolError", "Replica", "Request", "run"]
