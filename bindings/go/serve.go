package replica

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"os"
	"runtime/debug"
)

// Protocol is the newest subprocess protocol version this package speaks (it speaks 1 to 3 too, to
// harnesses that do not offer 4). Protocol 4: one process hosts several replica instances, named by
// the "replica" field of an event line.
const Protocol = 4

// chooseProtocol is the version to answer a harness hello with: the newest both sides speak.
func chooseProtocol(hello inLine) int {
	newest := hello.Newest
	if newest == 0 {
		newest = hello.Protocol
	}
	if newest > Protocol {
		newest = Protocol
	}
	if hello.Protocol <= newest && newest >= 1 {
		return newest
	}
	if hello.Protocol != 1 {
		fmt.Fprintf(os.Stderr, "byzcheck speaks protocols %d to %d; this binding speaks 1 to %d\n", hello.Protocol, newest, Protocol)
	}
	return 1
}

// isEvent reports whether a harness line is a step (in protocol 2 one may arrive ahead of time).
func isEvent(kind string) bool {
	switch kind {
	case "reset", "init", "message", "timer", "request":
		return true
	}
	return false
}

// inLine is any line byzcheck writes (the fields of every type, merged).
type inLine struct {
	Type     string `json:"type"`
	Protocol int    `json:"protocol"`
	Newest   int    `json:"newest"`
	More     bool   `json:"more"`
	// Replica (protocol 4) names the hosted instance an event is for; absent (nil) in older protocols.
	Replica   *int            `json:"replica"`
	Config    *Config         `json:"config"`
	Now       float64         `json:"now"`
	From      int             `json:"from"`
	Payload   json.RawMessage `json:"payload"`
	ID        string          `json:"id"`
	Client    int             `json:"client"`
	RequestID int             `json:"requestId"`
	Operation string          `json:"operation"`
	Signature string          `json:"signature"`
	Valid     bool            `json:"valid"`
	Value     float64         `json:"value"`
	// Signed (protocol 3): valid signatures in this event's payload, vouched for by byzcheck.
	Signed []signedFact `json:"signed"`
}

// signedFact says that Signature is Signer's valid signature of Data in this run.
type signedFact struct {
	Signature string `json:"signature"`
	Signer    int    `json:"signer"`
	Data      string `json:"data"`
}

// hostedReplica is one replica instance the process hosts, with its context.
type hostedReplica struct {
	replica Replica
	ctx     *Context
}

// hostKey is the instance an event line is for: its "replica" field, -1 when absent (protocols 1 to 3).
func hostKey(line inLine) int {
	if line.Replica == nil {
		return -1
	}
	return *line.Replica
}

type session struct {
	name    string
	factory Factory
	in      *bufio.Reader
	out     *bufio.Writer
	// hosted holds the replica instances by hostKey.
	hosted map[int]*hostedReplica
	// protocol is the version agreed in the handshake; pending holds event lines read while
	// waiting for an in-band answer (protocol 2), handled after the current step.
	protocol int
	pending  []inLine
}

var errEOF = errors.New("stdin closed")

func (s *session) read() (inLine, error) {
	var line inLine
	text, err := s.in.ReadBytes('\n')
	if err == io.EOF && len(text) == 0 {
		return line, errEOF
	}
	if err != nil && err != io.EOF {
		return line, err
	}
	if err := json.Unmarshal(text, &line); err != nil {
		return line, fmt.Errorf("byzcheck sent a line this binding cannot read: %w", err)
	}
	return line, nil
}

func (s *session) nextEvent() (inLine, error) {
	if len(s.pending) > 0 {
		line := s.pending[0]
		s.pending = s.pending[1:]
		return line, nil
	}
	return s.read()
}

func (s *session) write(v interface{}, flush bool) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if _, err := s.out.Write(append(data, '\n')); err != nil {
		return err
	}
	if !flush {
		return nil
	}
	return s.out.Flush()
}

func (s *session) ask(question map[string]interface{}, answerType string) (inLine, error) {
	// Flushed: byzcheck cannot answer a question it has not seen.
	if err := s.write(question, true); err != nil {
		return inLine{}, err
	}
	for {
		answer, err := s.read()
		if err != nil {
			return answer, err
		}
		if answer.Type == answerType {
			return answer, nil
		}
		if s.protocol < 2 || !isEvent(answer.Type) {
			return answer, fmt.Errorf("asked %q, byzcheck answered %q", question["type"], answer.Type)
		}
		s.pending = append(s.pending, answer) // written ahead (protocol 2): its turn comes after this step
	}
}

// step runs one event; a panic or a payload that cannot be encoded becomes the returned error.
func (s *session) step(line inLine) (effects []effect, err error) {
	defer func() {
		if p := recover(); p != nil {
			if p == errEOF {
				panic(p)
			}
			err = fmt.Errorf("panic: %v\n%s", p, debug.Stack())
		}
	}()
	if line.Type == "reset" {
		if line.Config == nil {
			return nil, errors.New("reset without a config")
		}
		// math/rand is not byzcheck's generator, but reseeding it per replica and run keeps a stray
		// rand.Float64() reproducible; ctx.Random() is the one that follows the run's seed.
		rand.Seed(int64(line.Config.ID))
		delete(s.hosted, hostKey(line))
		ctx := &Context{config: *line.Config, ask: s.ask}
		s.hosted[hostKey(line)] = &hostedReplica{replica: s.factory(ctx), ctx: ctx}
		return nil, nil
	}
	h := s.hosted[hostKey(line)]
	if h == nil {
		return nil, fmt.Errorf("event %q before a successful reset", line.Type)
	}
	h.ctx.now, h.ctx.effects, h.ctx.failure = line.Now, nil, nil
	// Learned when the event is handled, not when read: a fact holds from its own event on.
	h.ctx.learn(line.Signed)
	switch line.Type {
	case "init":
		h.replica.Init()
	case "message":
		h.replica.Message(line.From, line.Payload)
	case "timer":
		h.replica.Timer(line.ID)
	case "request":
		h.replica.Request(Request{Client: line.Client, RequestID: line.RequestID, Operation: line.Operation, Signature: line.Signature})
	default:
		return nil, fmt.Errorf("unknown event type %q", line.Type)
	}
	return h.ctx.effects, h.ctx.failure
}

func (s *session) serve() error {
	for {
		line, err := s.nextEvent()
		if err == errEOF {
			return nil
		}
		if err != nil {
			return err
		}
		if line.Type == "hello" {
			s.protocol = chooseProtocol(line)
			if err := s.write(map[string]interface{}{"type": "hello", "protocol": s.protocol, "name": s.name}, true); err != nil {
				return err
			}
			continue
		}
		effects, stepErr := s.step(line)
		var answer interface{} = map[string]interface{}{"type": "done"}
		switch {
		case stepErr != nil:
			if line.Type == "reset" {
				delete(s.hosted, hostKey(line))
			}
			answer = map[string]interface{}{"type": "error", "message": stepErr.Error()}
		case len(effects) > 0:
			answer = map[string]interface{}{"type": "done", "effects": effects}
		}
		// "more": another event line follows at once (protocol 2), so this answer may wait in the
		// buffer and reach byzcheck with the next one: one wake-up per group of events.
		if err := s.write(answer, !line.More); err != nil {
			return err
		}
	}
}

// Serve speaks the protocol on in and out until in closes (tests use it with buffers).
func Serve(name string, factory Factory, in io.Reader, out io.Writer) (err error) {
	s := &session{name: name, factory: factory, in: bufio.NewReaderSize(in, 1<<16), out: bufio.NewWriter(out), hosted: map[int]*hostedReplica{}, protocol: 1}
	// Whatever a last "more" left in the buffer goes out before returning (byzcheck may be gone).
	defer func() { _ = s.out.Flush() }()
	defer func() {
		if p := recover(); p == errEOF {
			err = nil
		} else if p != nil {
			panic(p)
		}
	}()
	return s.serve()
}

// Run serves byzcheck on stdin/stdout and exits when stdin closes. While it runs, os.Stdout is
// stderr, so fmt.Printf in replica code cannot corrupt the protocol stream.
func Run(name string, factory Factory) {
	protocolOut := os.Stdout
	os.Stdout = os.Stderr
	if err := Serve(name, factory, os.Stdin, protocolOut); err != nil {
		fmt.Fprintf(os.Stderr, "byzcheck replica %s: %v\n", name, err)
		os.Exit(1)
	}
}
