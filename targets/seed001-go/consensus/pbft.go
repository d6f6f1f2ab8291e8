package consensus

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"byzcheck/replica"
)

// MessageType defines the type of consensus message
type MessageType int

const (
	MsgRequest MessageType = iota
	MsgPrePrepare
	MsgPrepare
	MsgCommit
	MsgViewChange
	MsgNewView
	MsgReply
)

// Message represents a generic consensus message
type Message struct {
	Type      MessageType
	View      uint64
	Sequence  uint64
	NodeID    string
	Payload   []byte
	Signature []byte
	Timestamp time.Time
}

// RequestPayload contains client request data
type RequestPayload struct {
	Operation string
	ClientID  string
	Timestamp time.Time
}

// Config holds consensus configuration
type Config struct {
	N             int           // Total nodes
	F             int           // Max faulty nodes
	PrepareQuorum int           // 2f
	CommitQuorum  int           // 2f + 1
	Timeout       time.Duration // Request timeout
}

// NewConfig creates configuration for n nodes
func NewConfig(n int) Config {
	if n < 4 {
		panic("BFT requires at least 4 nodes")
	}
	f := (n - 1) / 3
	return Config{
		N:             n,
		F:             f,
		PrepareQuorum: 2 * f,
		CommitQuorum:  2*f + 1,
		Timeout:       5 * time.Second,
	}
}

// Node represents a consensus participant
type Node struct {
	id         string
	config     Config
	privateKey ed25519.PrivateKey
	publicKey  ed25519.PublicKey

	// Consensus state
	mu            sync.RWMutex
	view          uint64
	sequence      uint64
	lastExecuted  uint64

	// Message logs
	requestLog    map[uint64]*Message
	prePrepareLog map[uint64]*Message
	prepareLog    map[uint64]map[string]*Message
	commitLog     map[uint64]map[string]*Message
	viewChangeLog map[uint64]map[string]*Message

	// Node registry
	peers      map[string]ed25519.PublicKey

	// Channels
	incomingMsg   chan *Message
	outgoingMsg   chan *Message
	commitNotify  chan uint64

	// State
	isPrimary     bool
	committed     map[uint64]bool
	executed      map[uint64]*RequestPayload

	// Timers
	viewChangeTimer *time.Timer

	// Client responses
	replies       map[string]map[uint64]*Message

	stopChan      chan struct{}
	wg            sync.WaitGroup

	ctx *replica.Context // byzcheck: the network, timers and keys
}

// NewNode creates a new consensus node
func NewNode(id string, config Config, peers map[string]ed25519.PublicKey) *Node {
	publicKey, privateKey, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		panic(err)
	}

	node := &Node{
		id:            id,
		config:        config,
		privateKey:    privateKey,
		publicKey:     publicKey,
		view:          0,
		sequence:      0,
		lastExecuted:  0,
		requestLog:    make(map[uint64]*Message),
		prePrepareLog: make(map[uint64]*Message),
		prepareLog:    make(map[uint64]map[string]*Message),
		commitLog:     make(map[uint64]map[string]*Message),
		viewChangeLog: make(map[uint64]map[string]*Message),
		peers:         peers,
		incomingMsg:   make(chan *Message, 1000),
		outgoingMsg:   make(chan *Message, 1000),
		commitNotify:  make(chan uint64, 100),
		committed:     make(map[uint64]bool),
		executed:      make(map[uint64]*RequestPayload),
		replies:       make(map[string]map[uint64]*Message),
		stopChan:      make(chan struct{}),
	}

	// Store own public key
	node.peers[id] = publicKey

	return node
}

// Start begins consensus processing
func (n *Node) Start() {
	n.updatePrimaryStatus()
	n.resetViewChangeTimer()
}

// Stop halts consensus processing
func (n *Node) Stop() {
	close(n.stopChan)
	n.wg.Wait()
}

// isPrimaryForView checks if node is primary for given view
func (n *Node) isPrimaryForView(view uint64) bool {
	// Primary rotates: view mod n
	nodeList := make([]string, 0, len(n.peers))
	for id := range n.peers {
		nodeList = append(nodeList, id)
	}
	// Sort for deterministic primary selection
	sort.Strings(nodeList)
	primaryIdx := int(view) % len(nodeList)
	return nodeList[primaryIdx] == n.id
}

// updatePrimaryStatus updates whether this node is current primary
func (n *Node) updatePrimaryStatus() {
	if SeedLocking {
		n.mu.Lock()
		defer n.mu.Unlock()
	}
	n.isPrimary = n.isPrimaryForView(n.view)
}

// ReceiveMessage adds incoming message to queue
func (n *Node) ReceiveMessage(msg *Message) {
	select {
	case n.incomingMsg <- msg:
	case <-n.stopChan:
	}
}

// GetOutgoingMessage retrieves message to send to network
func (n *Node) GetOutgoingMessage() *Message {
	select {
	case msg := <-n.outgoingMsg:
		return msg
	case <-n.stopChan:
		return nil
	}
}

// messageHandler processes incoming messages
func (n *Node) messageHandler() {
	defer n.wg.Done()

	for {
		select {
		case msg := <-n.incomingMsg:
			if err := n.processMessage(msg); err != nil {
				fmt.Printf("Node %s: Error processing message: %v\n", n.id, err)
			}
		case <-n.stopChan:
			return
		}
	}
}

// processMessage handles different message types
func (n *Node) processMessage(msg *Message) error {
	// Verify signature
	if !n.verifySignature(msg) {
		return errors.New("invalid signature")
	}

	switch msg.Type {
	case MsgRequest:
		return n.handleRequest(msg)
	case MsgPrePrepare:
		return n.handlePrePrepare(msg)
	case MsgPrepare:
		return n.handlePrepare(msg)
	case MsgCommit:
		return n.handleCommit(msg)
	case MsgViewChange:
		return n.handleViewChange(msg)
	case MsgNewView:
		return n.handleNewView(msg)
	default:
		return fmt.Errorf("unknown message type: %d", msg.Type)
	}
}

// handleRequest processes client request
func (n *Node) handleRequest(msg *Message) error {
	n.mu.Lock()
	defer n.mu.Unlock()

	if !n.isPrimary {
		// Forward to primary
		return nil
	}

	// Assign sequence number
	n.sequence++
	seq := n.sequence

	// Store request
	n.requestLog[seq] = msg

	// Create and broadcast PRE-PREPARE
	prePrepare := &Message{
		Type:      MsgPrePrepare,
		View:      n.view,
		Sequence:  seq,
		NodeID:    n.id,
		Payload:   msg.Payload,
		Timestamp: time.Now(),
	}

	n.signMessage(prePrepare)
	n.prePrepareLog[seq] = prePrepare

	// Broadcast to all replicas
	n.broadcast(prePrepare)

	return nil
}

// handlePrePrepare processes PRE-PREPARE message
func (n *Node) handlePrePrepare(msg *Message) error {
	n.mu.Lock()
	defer n.mu.Unlock()

	// Verify from current primary
	if !n.isSenderPrimaryForView(msg) {
		return errors.New("not from primary")
	}

	// Verify view and sequence
	if msg.View != n.view {
		return errors.New("view mismatch")
	}

	// Check if already have pre-prepare for this sequence
	if existing, ok := n.prePrepareLog[msg.Sequence]; ok {
		if !n.messagesEqual(existing, msg) {
			return errors.New("conflicting pre-prepare")
		}
		return nil // Already processed
	}

	// Store pre-prepare
	n.prePrepareLog[msg.Sequence] = msg

	// Create and broadcast PREPARE
	prepare := &Message{
		Type:      MsgPrepare,
		View:      msg.View,
		Sequence:  msg.Sequence,
		NodeID:    n.id,
		Payload:   msg.Payload,
		Timestamp: time.Now(),
	}

	n.signMessage(prepare)

	// Store own prepare
	if n.prepareLog[msg.Sequence] == nil {
		n.prepareLog[msg.Sequence] = make(map[string]*Message)
	}
	n.prepareLog[msg.Sequence][n.id] = prepare

	// Broadcast to all nodes
	n.broadcast(prepare)

	return nil
}

// handlePrepare processes PREPARE message
func (n *Node) handlePrepare(msg *Message) error {
	n.mu.Lock()
	defer n.mu.Unlock()

	// Verify view
	if msg.View != n.view {
		return errors.New("view mismatch")
	}

	// Store prepare
	if n.prepareLog[msg.Sequence] == nil {
		n.prepareLog[msg.Sequence] = make(map[string]*Message)
	}

	// Check for duplicates
	if _, exists := n.prepareLog[msg.Sequence][msg.NodeID]; exists {
		return nil // Already have prepare from this node
	}

	n.prepareLog[msg.Sequence][msg.NodeID] = msg

	// Check if prepared
	if len(n.prepareLog[msg.Sequence]) >= n.config.CommitQuorum {
		// Check if already committed
		if n.committed[msg.Sequence] {
			return nil
		}

		// Create and broadcast COMMIT
		commit := &Message{
			Type:      MsgCommit,
			View:      msg.View,
			Sequence:  msg.Sequence,
			NodeID:    n.id,
			Payload:   msg.Payload,
			Timestamp: time.Now(),
		}

		n.signMessage(commit)

		// Store own commit
		if n.commitLog[msg.Sequence] == nil {
			n.commitLog[msg.Sequence] = make(map[string]*Message)
		}
		n.commitLog[msg.Sequence][n.id] = commit

		// Broadcast to all nodes
		n.broadcast(commit)
	}

	return nil
}

// handleCommit processes COMMIT message
func (n *Node) handleCommit(msg *Message) error {
	n.mu.Lock()
	defer n.mu.Unlock()

	// Verify view
	if msg.View != n.view {
		return errors.New("view mismatch")
	}

	// Store commit
	if n.commitLog[msg.Sequence] == nil {
		n.commitLog[msg.Sequence] = make(map[string]*Message)
	}

	// Check for duplicates
	if _, exists := n.commitLog[msg.Sequence][msg.NodeID]; exists {
		return nil // Already have commit from this node
	}

	n.commitLog[msg.Sequence][msg.NodeID] = msg

	// Check if committed
	if len(n.commitLog[msg.Sequence]) >= n.config.CommitQuorum {
		if !n.committed[msg.Sequence] {
			n.committed[msg.Sequence] = true

			// Notify consensus worker
			select {
			case n.commitNotify <- msg.Sequence:
			default:
			}
		}
	}

	return nil
}

// consensusWorker executes committed operations
func (n *Node) consensusWorker() {
	defer n.wg.Done()

	for {
		select {
		case seq := <-n.commitNotify:
			n.executeOperation(seq)
		case <-n.stopChan:
			return
		}
	}
}

// executeOperation applies committed operation
func (n *Node) executeOperation(seq uint64) {
	n.mu.Lock()
	defer n.mu.Unlock()

	// Execute in order
	if seq != n.lastExecuted+1 {
		return // Wait for earlier operations
	}

	// Get operation
	prePrepare, ok := n.prePrepareLog[seq]
	if !ok {
		return
	}

	var req RequestPayload
	if err := json.Unmarshal(prePrepare.Payload, &req); err != nil {
		return
	}

	// Execute operation
	n.executed[seq] = &req
	n.lastExecuted = seq

	// Create reply
	reply := &Message{
		Type:      MsgReply,
		View:      n.view,
		Sequence:  seq,
		NodeID:    n.id,
		Payload:   prePrepare.Payload,
		Timestamp: time.Now(),
	}

	n.signMessage(reply)

	// Store reply for client
	if n.replies[req.ClientID] == nil {
		n.replies[req.ClientID] = make(map[uint64]*Message)
	}
	n.replies[req.ClientID][seq] = reply

	// Send reply
	n.sendReply(reply, &req)

	fmt.Printf("Node %s: Executed operation %d: %s\n", n.id, seq, req.Operation)
}

// handleViewChange processes VIEW-CHANGE message
func (n *Node) handleViewChange(msg *Message) error {
	n.mu.Lock()
	defer n.mu.Unlock()

	// Store view change
	if n.viewChangeLog[msg.View] == nil {
		n.viewChangeLog[msg.View] = make(map[string]*Message)
	}
	n.viewChangeLog[msg.View][msg.NodeID] = msg

	// Check if have 2f+1 view change messages
	if len(n.viewChangeLog[msg.View]) >= n.config.CommitQuorum {
		// Check if we are new primary
		if n.isPrimaryForView(msg.View) {
			n.sendNewView(msg.View)
		}
	}

	return nil
}

// handleNewView processes NEW-VIEW message
func (n *Node) handleNewView(msg *Message) error {
	n.mu.Lock()
	defer n.mu.Unlock()

	// Verify from new primary
	if !n.isSenderPrimaryForView(msg) {
		return errors.New("not from new primary")
	}

	// Update view
	n.view = msg.View
	n.updatePrimaryStatus()
	n.resetViewChangeTimer()

	return nil
}

// startViewChange initiates view change
func (n *Node) startViewChange() {
	n.mu.Lock()
	defer n.mu.Unlock()

	n.view++

	viewChange := &Message{
		Type:      MsgViewChange,
		View:      n.view,
		Sequence:  n.sequence,
		NodeID:    n.id,
		Timestamp: time.Now(),
	}

	n.signMessage(viewChange)

	if n.viewChangeLog[n.view] == nil {
		n.viewChangeLog[n.view] = make(map[string]*Message)
	}
	n.viewChangeLog[n.view][n.id] = viewChange

	n.broadcast(viewChange)
	n.resetViewChangeTimer()
}

// sendNewView broadcasts NEW-VIEW message
func (n *Node) sendNewView(view uint64) {
	newView := &Message{
		Type:      MsgNewView,
		View:      view,
		NodeID:    n.id,
		Timestamp: time.Now(),
	}

	n.signMessage(newView)
	n.broadcast(newView)

	n.view = view
	n.updatePrimaryStatus()
}

// viewChangeMonitor monitors for primary timeout
func (n *Node) viewChangeMonitor() {
	defer n.wg.Done()

	for {
		select {
		case <-n.viewChangeTimer.C:
			n.startViewChange()
		case <-n.stopChan:
			return
		}
	}
}

// resetViewChangeTimer resets the view change timeout
func (n *Node) resetViewChangeTimer() {
	n.ctx.SetTimer(ViewChangeTimer, float64(n.config.Timeout/time.Millisecond))
}

// Helper functions

func (n *Node) signMessage(msg *Message) {
	data := n.serializeMessage(msg)
	msg.Signature = n.sign(data)
}

func (n *Node) verifySignature(msg *Message) bool {
	_, ok := n.peers[msg.NodeID]
	if !ok {
		return false
	}

	data := n.serializeMessage(msg)
	return n.verify(msg.NodeID, data, msg.Signature)
}

func (n *Node) serializeMessage(msg *Message) []byte {
	// Create deterministic serialization
	data := fmt.Sprintf("%d:%d:%d:%s:%s",
		msg.Type, msg.View, msg.Sequence, msg.NodeID, msg.Payload)
	hash := sha256.Sum256([]byte(data))
	return hash[:]
}

func (n *Node) messagesEqual(m1, m2 *Message) bool {
	return m1.Type == m2.Type &&
		m1.View == m2.View &&
		m1.Sequence == m2.Sequence &&
		string(m1.Payload) == string(m2.Payload)
}

func (n *Node) broadcast(msg *Message) {
	// Send to all peers
	n.ctx.Broadcast(toWire(msg))
}

// Client represents a consensus client
type Client struct {
	id        string
	nodes     []*Node
	config    Config
	replies   map[uint64]map[string]*Message
	mu        sync.Mutex
}

// NewClient creates a new consensus client
func NewClient(id string, nodes []*Node, config Config) *Client {
	return &Client{
		id:      id,
		nodes:   nodes,
		config:  config,
		replies: make(map[uint64]map[string]*Message),
	}
}

// Request submits a request and waits for consensus
func (c *Client) Request(operation string) error {
	payload := RequestPayload{
		Operation: operation,
		ClientID:  c.id,
		Timestamp: time.Now(),
	}

	payloadBytes, err := json.Marshal(payload)
	if err != nil {
		return err
	}

	msg := &Message{
		Type:      MsgRequest,
		NodeID:    c.id,
		Payload:   payloadBytes,
		Timestamp: time.Now(),
	}

	// Send to all nodes
	for _, node := range c.nodes {
		node.ReceiveMessage(msg)
	}

	// Wait for f+1 matching replies
	timeout := time.After(c.config.Timeout)
	ticker := time.NewTicker(100 * time.Millisecond)
	defer ticker.Stop()

	for {
		select {
		case <-timeout:
			return errors.New("request timeout")
		case <-ticker.C:
			if c.checkReplies() {
				return nil
			}
		}
	}
}

func (c *Client) checkReplies() bool {
	// Implementation would check for f+1 matching replies
	// Simplified for example
	return false
}
