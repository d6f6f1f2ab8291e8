package replica

import (
	"encoding/json"
	"fmt"
	"unicode/utf16"
)

// Config is this replica's configuration, from byzcheck's reset line.
type Config struct {
	ID      int   `json:"id"`
	N       int   `json:"n"`
	F       int   `json:"f"`
	Clients []int `json:"clients"`
}

// Request is a client request; Signature is empty when the harness' clients do not sign.
type Request struct {
	Client    int
	RequestID int
	Operation string
	Signature string
}

// SigningData is the text the client signed: REQUEST|<client>|<requestId>|<UTF-16 length>|<operation>.
func (r Request) SigningData() string {
	units := len(utf16.Encode([]rune(r.Operation)))
	return fmt.Sprintf("REQUEST|%d|%d|%d|%s", r.Client, r.RequestID, units, r.Operation)
}

// Origin names the client request an executed operation came from.
type Origin struct {
	Client    int `json:"client"`
	RequestID int `json:"requestId"`
}

// effect is one entry of a done line's effects; omitempty drops the fields other kinds do not have.
type effect struct {
	Kind      string          `json:"kind"`
	To        *int            `json:"to,omitempty"`
	Payload   json.RawMessage `json:"payload,omitempty"`
	ID        *string         `json:"id,omitempty"`
	AfterMs   *float64        `json:"afterMs,omitempty"`
	Seq       *int            `json:"seq,omitempty"`
	Value     *string         `json:"value,omitempty"`
	Operation *string         `json:"operation,omitempty"`
	Result    *string         `json:"result,omitempty"`
	Origin    *Origin         `json:"origin,omitempty"`
	Client    *int            `json:"client,omitempty"`
	RequestID *int            `json:"requestId,omitempty"`
	Digest    *string         `json:"digest,omitempty"`
	FromSeq   *int            `json:"fromSeq,omitempty"`
	Members   []int           `json:"members,omitempty"`
	Message   *string         `json:"message,omitempty"`
}

// asker performs one mid-step request (sign, verify, random) and returns byzcheck's answer.
type asker func(question map[string]interface{}, answerType string) (inLine, error)

// Context is the replica's handle on byzcheck: effects are collected for the step's done line;
// Sign, Verify and Random ask byzcheck in the middle of the step.
type Context struct {
	config  Config
	now     float64
	effects []effect
	failure error
	ask     asker
	// vouched holds the signatures byzcheck vouched for since the reset (protocol 3), by signature.
	vouched map[string]signedFact
}

// learn keeps the facts an event line carried.
func (c *Context) learn(facts []signedFact) {
	if len(facts) == 0 {
		return
	}
	if c.vouched == nil {
		c.vouched = make(map[string]signedFact, len(facts))
	}
	for _, f := range facts {
		c.vouched[f.Signature] = f
	}
}

// Config returns this replica's configuration.
func (c *Context) Config() Config { return c.config }

// ID is this replica's id (replicas are 0 … n-1).
func (c *Context) ID() int { return c.config.ID }

// Now is the current virtual time in ms (informative: a deterministic replica must not need it).
func (c *Context) Now() float64 { return c.now }

func (c *Context) fail(err error) {
	if c.failure == nil {
		c.failure = err
	}
}

func (c *Context) payload(v interface{}) json.RawMessage {
	data, err := json.Marshal(v)
	if err != nil {
		c.fail(fmt.Errorf("payload cannot be encoded as JSON: %w", err))
		return json.RawMessage("null")
	}
	return data
}

func (c *Context) add(e effect) { c.effects = append(c.effects, e) }

// Send sends a JSON-encodable payload to node to (a replica or a client).
func (c *Context) Send(to int, payload interface{}) {
	c.add(effect{Kind: "send", To: &to, Payload: c.payload(payload)})
}

// Broadcast sends a payload to every other replica (not to itself, not to clients).
func (c *Context) Broadcast(payload interface{}) {
	c.add(effect{Kind: "broadcast", Payload: c.payload(payload)})
}

// SetTimer arms (or re-arms) timer id to fire after afterMs virtual ms.
func (c *Context) SetTimer(id string, afterMs float64) {
	c.add(effect{Kind: "setTimer", ID: &id, AfterMs: &afterMs})
}

// CancelTimer disarms timer id (a no-op if it is not armed).
func (c *Context) CancelTimer(id string) { c.add(effect{Kind: "cancelTimer", ID: &id}) }

// Commit records the decision of value at seq (agreement judges these).
func (c *Context) Commit(seq int, value string) {
	c.add(effect{Kind: "commit", Seq: &seq, Value: &value})
}

// Execute records the execution of operation at seq; origin is nil when no client request is behind it.
func (c *Context) Execute(seq int, operation, result string, origin *Origin) {
	c.add(effect{Kind: "execute", Seq: &seq, Operation: &operation, Result: &result, Origin: origin})
}

// Reply answers a client (it accepts on f+1 matching replies).
func (c *Context) Reply(client, requestID int, result string) {
	c.add(effect{Kind: "reply", Client: &client, RequestID: &requestID, Result: &result})
}

// InstallState records a state transfer up to seq instead of executing.
func (c *Context) InstallState(seq int, digest string) {
	c.add(effect{Kind: "installState", Seq: &seq, Digest: &digest})
}

// Membership declares the replicas this one orders with from fromSeq on.
func (c *Context) Membership(fromSeq int, members []int) {
	if members == nil {
		members = []int{}
	}
	c.add(effect{Kind: "membership", FromSeq: &fromSeq, Members: members})
}

// Log records a diagnostic line, kept in traces (write chatter to stderr instead).
func (c *Context) Log(message string) { c.add(effect{Kind: "log", Message: &message}) }

// Sign returns this replica's signature of data.
func (c *Context) Sign(data string) string {
	answer, err := c.ask(map[string]interface{}{"type": "sign", "data": data}, "signature")
	if err != nil {
		panic(err)
	}
	return answer.Signature
}

// Verify reports whether signature is signer's signature of data.
func (c *Context) Verify(signer int, data, signature string) bool {
	if signer < 0 {
		return false
	}
	// Vouched for by byzcheck for exactly this signer and data: valid, no round trip. Anything
	// else is asked (byzcheck counts an honest replica's rejected signatures).
	if f, ok := c.vouched[signature]; ok && f.Signer == signer && f.Data == data {
		return true
	}
	answer, err := c.ask(map[string]interface{}{"type": "verify", "signer": signer, "data": data, "signature": signature}, "verified")
	if err != nil {
		panic(err)
	}
	return answer.Valid
}

// VerifyRequest reports whether a request carries its client's valid signature.
func (c *Context) VerifyRequest(r Request) bool {
	return r.Signature != "" && c.Verify(r.Client, r.SigningData(), r.Signature)
}

// Random returns a number in [0, 1) from the run's seeded generator (use it instead of math/rand).
func (c *Context) Random() float64 {
	answer, err := c.ask(map[string]interface{}{"type": "random"}, "random")
	if err != nil {
		panic(err)
	}
	return answer.Value
}
