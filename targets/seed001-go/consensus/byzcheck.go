package consensus

// The seed's Node as a byzcheck replica: what the seed's goroutines, channels, network and keys did
// is done here through the Go binding (bindings/go). pbft.go is the seed's listing with only the
// calls README.md lists rewired to the helpers below.

import (
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"time"
	"unicode/utf16"

	"byzcheck/replica"
)

// ViewChangeTimer is the harness timer that stands for the seed's viewChangeTimer.
const ViewChangeTimer = "view-change"

// SeedLocking keeps the seed's mutex in updatePrimaryStatus, which its callers already hold: the
// first view change then deadlocks the node (FINDINGS.md, Go-only finding). Off by default, so
// that the defects behind the view change stay observable.
var SeedLocking = false

// isSenderPrimaryForView is isPrimaryForView asked about the sender, as "Verify from current
// primary" means (the seed asks about this node; see targets/seed001/FINDINGS.md, port notes).
func (n *Node) isSenderPrimaryForView(msg *Message) bool {
	nodeList := make([]string, 0, len(n.peers))
	for id := range n.peers {
		nodeList = append(nodeList, id)
	}
	sort.Strings(nodeList)
	return nodeList[int(msg.View)%len(nodeList)] == msg.NodeID
}

// sign is the harness signature of the seed's SHA-256 digest (hex): byzcheck owns the keys.
func (n *Node) sign(data []byte) []byte {
	return []byte(n.ctx.Sign(hex.EncodeToString(data)))
}

func (n *Node) verify(nodeID string, data, signature []byte) bool {
	id, err := strconv.Atoi(nodeID)
	return err == nil && id >= 0 && n.ctx.Verify(id, hex.EncodeToString(data), string(signature))
}

// sendReply reports what executeOperation did — the decision, the execution, and the REPLY the
// seed queued for its client — as byzcheck effects. The REPLY echoes the payload: the result is
// the operation itself.
func (n *Node) sendReply(reply *Message, req *RequestPayload) {
	seq := int(reply.Sequence)
	n.ctx.Commit(seq, payloadDigest(string(reply.Payload)))
	client, err := strconv.Atoi(req.ClientID)
	if err != nil || client < 0 {
		n.ctx.Execute(seq, req.Operation, req.Operation, nil)
		return
	}
	requestID := int(req.Timestamp.Unix())
	n.ctx.Execute(seq, req.Operation, req.Operation, &replica.Origin{Client: client, RequestID: requestID})
	if client >= n.config.N {
		n.ctx.Reply(client, requestID, req.Operation)
	}
}

// drainCommits is the seed's consensusWorker, run after each event instead of in a goroutine.
func (n *Node) drainCommits() {
	for len(n.commitNotify) > 0 {
		n.executeOperation(<-n.commitNotify)
	}
}

// payloadDigest is targets/seed001's value of a decision: FNV over UTF-16 code units, 16 hex digits.
func payloadDigest(payload string) string {
	if payload == "" {
		return "empty"
	}
	a, b := uint32(0x811c9dc5), uint32(0xcbf29ce4)
	for _, c := range utf16.Encode([]rune(payload)) {
		a = (a ^ uint32(c)) * 0x01000193
		b = (b ^ uint32(c) ^ 0x5bd1) * 0x01000197
	}
	return fmt.Sprintf("%08x%08x", a, b)
}

// wireMessage is a Message on byzcheck's network: the fields of targets/seed001's messages.
type wireMessage struct {
	Type    uint64 `json:"type"`
	View    uint64 `json:"view"`
	Seq     uint64 `json:"seq"`
	NodeID  uint64 `json:"nodeId"`
	Payload string `json:"payload"`
	Sig     string `json:"sig"`
}

func toWire(msg *Message) wireMessage {
	id, _ := strconv.ParseUint(msg.NodeID, 10, 64)
	return wireMessage{uint64(msg.Type), msg.View, msg.Sequence, id, string(msg.Payload), string(msg.Signature)}
}

// fromWire decodes a payload from the network; anything but six well-typed fields is dropped
// (what Go's static types do for a real network decoder).
func fromWire(raw json.RawMessage) (*Message, bool) {
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) != nil {
		return nil, false
	}
	var w wireMessage
	for name, into := range map[string]interface{}{"type": &w.Type, "view": &w.View, "seq": &w.Seq, "nodeId": &w.NodeID, "payload": &w.Payload, "sig": &w.Sig} {
		value, ok := fields[name]
		if !ok || json.Unmarshal(value, into) != nil {
			return nil, false
		}
	}
	return &Message{Type: MessageType(w.Type), View: w.View, Sequence: w.Seq, NodeID: strconv.FormatUint(w.NodeID, 10),
		Payload: []byte(w.Payload), Signature: []byte(w.Sig)}, true
}

// Replica drives one Node through the binding's handlers.
type Replica struct {
	replica.Base
	node *Node
}

// NewReplica builds a fresh Node for byzcheck's reset: replicas "0" … "n-1" are its peers.
func NewReplica(ctx *replica.Context) replica.Replica {
	cfg := ctx.Config()
	peers := make(map[string]ed25519.PublicKey)
	for id := 0; id < cfg.N; id++ {
		peers[strconv.Itoa(id)] = nil // byzcheck holds the keys
	}
	node := NewNode(strconv.Itoa(cfg.ID), NewConfig(cfg.N), peers)
	node.ctx = ctx
	return &Replica{node: node}
}

// Init is the seed's Start.
func (r *Replica) Init() { r.node.Start() }

// Message is the seed's messageHandler (then its consensusWorker) for one message.
func (r *Replica) Message(_ int, payload json.RawMessage) {
	msg, ok := fromWire(payload)
	if !ok {
		return
	}
	if err := r.node.processMessage(msg); err != nil {
		fmt.Printf("Node %s: Error processing message: %v\n", r.node.id, err)
	}
	r.node.drainCommits()
}

// Timer is the seed's viewChangeMonitor.
func (r *Replica) Timer(id string) {
	if id == ViewChangeTimer {
		r.node.startViewChange()
	}
}

// Request plays the seed's Client.Request: a signed REQUEST, checked here (the seed's client neither
// signs nor is a peer, so verifySignature would drop it), handled as the node's handleRequest.
func (r *Replica) Request(req replica.Request) {
	if !r.node.ctx.VerifyRequest(req) {
		return
	}
	client := strconv.Itoa(req.Client)
	payload, _ := json.Marshal(RequestPayload{Operation: req.Operation, ClientID: client, Timestamp: time.Unix(int64(req.RequestID), 0).UTC()})
	msg := &Message{Type: MsgRequest, NodeID: client, Payload: payload, Signature: []byte(req.Signature)}
	if err := r.node.handleRequest(msg); err != nil {
		fmt.Printf("Node %s: Error processing message: %v\n", r.node.id, err)
	}
}
