// A tiny byzcheck replica in Go: replica 0 numbers requests and broadcasts them; everyone executes
// whatever replica 0 says, in order. No quorums: byzcheck shows how a lying replica 0 breaks it.
package main

import (
	"encoding/json"

	"byzcheck/replica"
)

type order struct {
	Seq, Client, RequestID int
	Op                     string
}

type tiny struct {
	replica.Base
	ctx     *replica.Context
	lastSeq int
}

func (t *tiny) Request(r replica.Request) {
	if t.ctx.ID() == 0 {
		t.lastSeq++
		o := order{t.lastSeq, r.Client, r.RequestID, r.Operation}
		t.ctx.Broadcast(o)
		t.decide(o)
	}
}

func (t *tiny) Message(from int, payload json.RawMessage) {
	var o order
	if from == 0 && json.Unmarshal(payload, &o) == nil {
		t.decide(o)
	}
}

func (t *tiny) decide(o order) {
	t.ctx.Commit(o.Seq, o.Op)
	t.ctx.Execute(o.Seq, o.Op, "ok", &replica.Origin{Client: o.Client, RequestID: o.RequestID})
	t.ctx.Reply(o.Client, o.RequestID, "ok")
}

func main() {
	replica.Run("tiny-go", func(ctx *replica.Context) replica.Replica { return &tiny{ctx: ctx} })
}
