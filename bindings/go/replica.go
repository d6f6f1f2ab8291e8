// Package replica lets a Go program be a byzcheck replica: it speaks byzcheck's subprocess protocol
// (docs/subprocess-protocol.md) on stdin/stdout — the handshake, a fresh replica at every reset,
// one done line per step, sign/verify/random in the middle of a step, a panic turned into the
// protocol's error line — so the program only implements the Replica interface.
package replica

import "encoding/json"

// Replica is a deterministic event handler; it acts through the Context its Factory was given.
type Replica interface {
	// Init is the start (virtual time 0), or a restart after a crash that kept state: arm timers here.
	Init()
	// Message is a message from replica from; payload is any JSON value (validate it).
	Message(from int, payload json.RawMessage)
	// Timer reports that timer id fired.
	Timer(id string)
	// Request is a client request (it may arrive again: clients retransmit).
	Request(r Request)
}

// Factory builds a fresh replica at every reset; ctx stays valid for the replica's whole run.
type Factory func(ctx *Context) Replica

// Base implements every Replica method as a no-op: embed it and override what you need.
type Base struct{}

// Init does nothing.
func (Base) Init() {}

// Message does nothing.
func (Base) Message(int, json.RawMessage) {}

// Timer does nothing.
func (Base) Timer(string) {}

// Request does nothing.
func (Base) Request(Request) {}
