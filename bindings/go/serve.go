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

// Protocol is the subprocess protocol version this package speaks.
const Protocol = 1

// inLine is any line byzcheck writes (the fields of every type, merged).
type inLine struct {
	Type      string          `json:"type"`
	Protocol  int             `json:"protocol"`
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
}

type session struct {
	name    string
	factory Factory
	in      *bufio.Reader
	out     *bufio.Writer
	replica Replica
	ctx     *Context
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

func (s *session) write(v interface{}) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if _, err := s.out.Write(append(data, '\n')); err != nil {
		return err
	}
	return s.out.Flush()
}

func (s *session) ask(question map[string]interface{}, answerType string) (inLine, error) {
	if err := s.write(question); err != nil {
		return inLine{}, err
	}
	answer, err := s.read()
	if err != nil {
		return answer, err
	}
	if answer.Type != answerType {
		return answer, fmt.Errorf("asked %q, byzcheck answered %q", question["type"], answer.Type)
	}
	return answer, nil
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
		s.replica = nil
		s.ctx = &Context{config: *line.Config, ask: s.ask}
		s.replica = s.factory(s.ctx)
		return nil, nil
	}
	if s.replica == nil {
		return nil, fmt.Errorf("event %q before a successful reset", line.Type)
	}
	s.ctx.now, s.ctx.effects, s.ctx.failure = line.Now, nil, nil
	switch line.Type {
	case "init":
		s.replica.Init()
	case "message":
		s.replica.Message(line.From, line.Payload)
	case "timer":
		s.replica.Timer(line.ID)
	case "request":
		s.replica.Request(Request{Client: line.Client, RequestID: line.RequestID, Operation: line.Operation, Signature: line.Signature})
	default:
		return nil, fmt.Errorf("unknown event type %q", line.Type)
	}
	return s.ctx.effects, s.ctx.failure
}

func (s *session) serve() error {
	for {
		line, err := s.read()
		if err == errEOF {
			return nil
		}
		if err != nil {
			return err
		}
		if line.Type == "hello" {
			if line.Protocol != Protocol {
				fmt.Fprintf(os.Stderr, "byzcheck speaks protocol %d; this binding speaks %d\n", line.Protocol, Protocol)
			}
			if err := s.write(map[string]interface{}{"type": "hello", "protocol": Protocol, "name": s.name}); err != nil {
				return err
			}
			continue
		}
		effects, stepErr := s.step(line)
		var answer interface{} = map[string]interface{}{"type": "done"}
		switch {
		case stepErr != nil:
			if line.Type == "reset" {
				s.replica = nil
			}
			answer = map[string]interface{}{"type": "error", "message": stepErr.Error()}
		case len(effects) > 0:
			answer = map[string]interface{}{"type": "done", "effects": effects}
		}
		if err := s.write(answer); err != nil {
			return err
		}
	}
}

// Serve speaks the protocol on in and out until in closes (tests use it with buffers).
func Serve(name string, factory Factory, in io.Reader, out io.Writer) (err error) {
	s := &session{name: name, factory: factory, in: bufio.NewReaderSize(in, 1<<16), out: bufio.NewWriter(out)}
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
