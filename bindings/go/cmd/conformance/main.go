// Command conformance is the conformance replica of docs/conformance/protocol-v1.json ("replica")
// on the Go binding; the conformance suite (test/conformance.spec.ts) drives it.
package main

import (
	"encoding/json"
	"errors"

	"byzcheck/replica"
)

type conformance struct {
	replica.Base
	ctx   *replica.Context
	count int
}

func (c *conformance) Init() {
	c.ctx.Log("init")
	c.ctx.SetTimer("t", 10)
}

func (c *conformance) Timer(id string) { c.ctx.Log("timer " + id) }

func (c *conformance) Request(r replica.Request) {
	if r.Signature != "" {
		if c.ctx.VerifyRequest(r) {
			c.ctx.Log("request signature valid")
		} else {
			c.ctx.Log("request signature invalid")
		}
	}
	c.ctx.Reply(r.Client, r.RequestID, r.Operation)
}

func (c *conformance) Message(from int, payload json.RawMessage) {
	var script struct {
		Do *[][]json.RawMessage `json:"do"`
	}
	if json.Unmarshal(payload, &script) != nil || script.Do == nil {
		c.ctx.Log("ignored")
		return
	}
	for _, action := range *script.Do {
		var name string
		_ = json.Unmarshal(action[0], &name)
		c.act(from, payload, name, action[1:])
	}
}

// arg decodes argument i into a value of type T.
func arg[T any](a []json.RawMessage, i int) T {
	var v T
	if err := json.Unmarshal(a[i], &v); err != nil {
		panic(err)
	}
	return v
}

func (c *conformance) act(from int, payload json.RawMessage, name string, a []json.RawMessage) {
	ctx := c.ctx
	switch name {
	case "send":
		ctx.Send(arg[int](a, 0), a[1])
	case "broadcast":
		ctx.Broadcast(a[0])
	case "setTimer":
		ctx.SetTimer(arg[string](a, 0), arg[float64](a, 1))
	case "cancelTimer":
		ctx.CancelTimer(arg[string](a, 0))
	case "commit":
		ctx.Commit(arg[int](a, 0), arg[string](a, 1))
	case "execute":
		var origin *replica.Origin
		if len(a) == 5 {
			origin = &replica.Origin{Client: arg[int](a, 3), RequestID: arg[int](a, 4)}
		}
		ctx.Execute(arg[int](a, 0), arg[string](a, 1), arg[string](a, 2), origin)
	case "reply":
		ctx.Reply(arg[int](a, 0), arg[int](a, 1), arg[string](a, 2))
	case "installState":
		ctx.InstallState(arg[int](a, 0), arg[string](a, 1))
	case "membership":
		ctx.Membership(arg[int](a, 0), arg[[]int](a, 1))
	case "log":
		ctx.Log(arg[string](a, 0))
	case "sign":
		ctx.Broadcast(map[string]string{"signed": ctx.Sign(arg[string](a, 0))})
	case "verify":
		ctx.Broadcast(map[string]bool{"valid": ctx.Verify(arg[int](a, 0), arg[string](a, 1), arg[string](a, 2))})
	case "random":
		ctx.Broadcast(map[string]float64{"random": ctx.Random()})
	case "count":
		c.count++
		ctx.Broadcast(map[string]int{"count": c.count})
	case "config":
		ctx.Broadcast(ctx.Config())
	case "now":
		ctx.Broadcast(map[string]float64{"now": ctx.Now()})
	case "echo":
		ctx.Send(from, payload)
	case "fail":
		panic(errors.New(arg[string](a, 0)))
	}
}

func main() {
	replica.Run("conformance-go", func(ctx *replica.Context) replica.Replica { return &conformance{ctx: ctx} })
}
