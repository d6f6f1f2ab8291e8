package replica

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

type counter struct {
	Base
	ctx   *Context
	count int
}

func (c *counter) Init() { c.ctx.SetTimer("tick", 100) }

func (c *counter) Message(from int, payload json.RawMessage) {
	c.count++
	switch string(payload) {
	case `"boom"`:
		panic(fmt.Sprintf("boom from %d", from))
	case `"print"`:
		fmt.Println("chatter")
	case `"sign"`:
		c.ctx.Broadcast(map[string]interface{}{"sig": c.ctx.Sign("data"), "ok": c.ctx.Verify(1, "data", "s"), "r": c.ctx.Random()})
		return
	case `"chan"`:
		c.ctx.Send(from, make(chan int))
		return
	}
	c.ctx.Send(from, map[string]interface{}{"count": c.count, "now": c.ctx.Now()})
}

func (c *counter) Timer(id string) {
	c.ctx.CancelTimer(id)
	c.ctx.Log("timer " + id)
}

func (c *counter) Request(r Request) {
	c.ctx.Commit(1, r.Operation)
	c.ctx.Execute(1, r.Operation, "ok", &Origin{Client: r.Client, RequestID: r.RequestID})
	c.ctx.Execute(2, "noop", "ok", nil)
	c.ctx.Reply(r.Client, r.RequestID, "ok")
	c.ctx.InstallState(1, "d")
	c.ctx.Membership(0, []int{0, 1, 2, 3})
}

func newCounter(ctx *Context) Replica { return &counter{ctx: ctx} }

const reset = `{"type":"reset","config":{"id":0,"n":4,"f":1,"clients":[4]}}`

func msg(payload string) string {
	return `{"type":"message","now":5,"from":1,"payload":` + payload + `}`
}

func exchange(t *testing.T, lines ...string) []map[string]interface{} {
	t.Helper()
	var out bytes.Buffer
	if err := Serve("counter", newCounter, strings.NewReader(strings.Join(lines, "\n")+"\n"), &out); err != nil {
		t.Fatal(err)
	}
	var got []map[string]interface{}
	for _, text := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var line map[string]interface{}
		if err := json.Unmarshal([]byte(text), &line); err != nil {
			t.Fatalf("line %q: %v", text, err)
		}
		got = append(got, line)
	}
	return got
}

func asJSON(v interface{}) string {
	data, _ := json.Marshal(v)
	return string(data)
}

func expect(t *testing.T, got interface{}, want string) {
	t.Helper()
	var w, g interface{}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	_ = json.Unmarshal([]byte(asJSON(got)), &g)
	if !reflect.DeepEqual(g, w) {
		t.Fatalf("got  %s\nwant %s", asJSON(got), want)
	}
}

func TestHandshakeNamesTheReplica(t *testing.T) {
	expect(t, exchange(t, `{"type":"hello","protocol":1}`)[0], `{"type":"hello","protocol":1,"name":"counter"}`)
}

func TestResetAnswersDoneAndInitArmsTimers(t *testing.T) {
	got := exchange(t, reset, `{"type":"init","now":0}`)
	expect(t, got[0], `{"type":"done"}`)
	expect(t, got[1], `{"type":"done","effects":[{"kind":"setTimer","id":"tick","afterMs":100}]}`)
}

func TestResetForgetsThePreviousRun(t *testing.T) {
	got := exchange(t, reset, msg("1"), msg("1"), reset, msg("1"))
	expect(t, got[4], `{"type":"done","effects":[{"kind":"send","to":1,"payload":{"count":1,"now":5}}]}`)
	expect(t, got[2], `{"type":"done","effects":[{"kind":"send","to":1,"payload":{"count":2,"now":5}}]}`)
}

func TestEveryEffectKindHasTheProtocolShape(t *testing.T) {
	got := exchange(t, reset, `{"type":"request","now":1,"client":4,"requestId":7,"operation":"put a 1"}`, `{"type":"timer","now":2,"id":"tick"}`)
	expect(t, got[1], `{"type":"done","effects":[
		{"kind":"commit","seq":1,"value":"put a 1"},
		{"kind":"execute","seq":1,"operation":"put a 1","result":"ok","origin":{"client":4,"requestId":7}},
		{"kind":"execute","seq":2,"operation":"noop","result":"ok"},
		{"kind":"reply","client":4,"requestId":7,"result":"ok"},
		{"kind":"installState","seq":1,"digest":"d"},
		{"kind":"membership","fromSeq":0,"members":[0,1,2,3]}]}`)
	expect(t, got[2], `{"type":"done","effects":[{"kind":"cancelTimer","id":"tick"},{"kind":"log","message":"timer tick"}]}`)
}

func TestSignVerifyRandomAreAskedMidStep(t *testing.T) {
	got := exchange(t, reset, msg(`"sign"`), `{"type":"signature","signature":"S"}`, `{"type":"verified","valid":true}`, `{"type":"random","value":0.25}`)
	expect(t, got[1:], `[{"type":"sign","data":"data"},{"type":"verify","signer":1,"data":"data","signature":"s"},{"type":"random"},
		{"type":"done","effects":[{"kind":"broadcast","payload":{"ok":true,"r":0.25,"sig":"S"}}]}]`)
}

func TestAPanicBecomesAnErrorLineAndTheNextRunIsServed(t *testing.T) {
	got := exchange(t, reset, msg(`"boom"`), reset, msg("1"))
	if got[1]["type"] != "error" || !strings.Contains(got[1]["message"].(string), "boom from 1") {
		t.Fatalf("want an error line naming the panic, got %s", asJSON(got[1]))
	}
	expect(t, got[3], `{"type":"done","effects":[{"kind":"send","to":1,"payload":{"count":1,"now":5}}]}`)
}

func TestAPayloadJSONCannotCarryIsAnErrorLine(t *testing.T) {
	got := exchange(t, reset, msg(`"chan"`))
	if got[1]["type"] != "error" || !strings.Contains(got[1]["message"].(string), "cannot be encoded") {
		t.Fatalf("got %s", asJSON(got[1]))
	}
}

func TestAnEventBeforeResetIsAnError(t *testing.T) {
	got := exchange(t, msg("1"))
	if got[0]["type"] != "error" || !strings.Contains(got[0]["message"].(string), "before a successful reset") {
		t.Fatalf("got %s", asJSON(got[0]))
	}
}

func TestSigningDataCountsUTF16Units(t *testing.T) {
	if got := (Request{Client: 4, RequestID: 1, Operation: "put 😀"}).SigningData(); got != "REQUEST|4|1|6|put 😀" {
		t.Fatal(got)
	}
}

const helloV2 = `{"type":"hello","protocol":1,"newest":2}`

func withMore(line string) string { return strings.TrimSuffix(line, "}") + `,"more":true}` }

func TestAHarnessGetsTheNewestVersionBothSpeak(t *testing.T) {
	expect(t, exchange(t, helloV2)[0]["protocol"], `2`)
	expect(t, exchange(t, `{"type":"hello","protocol":1,"newest":3}`)[0]["protocol"], `3`)
	expect(t, exchange(t, `{"type":"hello","protocol":1,"newest":4}`)[0]["protocol"], `4`)
	expect(t, exchange(t, `{"type":"hello","protocol":1,"newest":5}`)[0]["protocol"], `4`)
	expect(t, exchange(t, `{"type":"hello","protocol":1}`)[0]["protocol"], `1`)
}

func TestAVerifyOfAVouchedSignatureIsAnsweredWithoutAsking(t *testing.T) {
	vouched := `{"type":"message","now":5,"from":1,"payload":"sign","signed":[{"signature":"s","signer":1,"data":"data"}]}`
	// Vouched for signer 1 and "data": the verify is not asked; sign and random still are.
	got := exchange(t, `{"type":"hello","protocol":1,"newest":3}`, reset, vouched,
		`{"type":"signature","signature":"S"}`, `{"type":"random","value":0.5}`)
	expect(t, got[2:], `[{"type":"sign","data":"data"},{"type":"random"},
		{"type":"done","effects":[{"kind":"broadcast","payload":{"ok":true,"r":0.5,"sig":"S"}}]}]`)
	// Vouched for another signer's data: asked, and byzcheck's answer is the one used.
	other := `{"type":"message","now":5,"from":1,"payload":"sign","signed":[{"signature":"s","signer":2,"data":"data"}]}`
	got = exchange(t, `{"type":"hello","protocol":1,"newest":3}`, reset, other,
		`{"type":"signature","signature":"S"}`, `{"type":"verified","valid":false}`, `{"type":"random","value":0.5}`)
	expect(t, got[3], `{"type":"verify","signer":1,"data":"data","signature":"s"}`)
	// A reset forgets what was vouched for.
	got = exchange(t, `{"type":"hello","protocol":1,"newest":3}`, reset, `{"type":"message","now":1,"from":1,"payload":1,"signed":[{"signature":"s","signer":1,"data":"data"}]}`,
		reset, msg(`"sign"`), `{"type":"signature","signature":"S"}`, `{"type":"verified","valid":true}`, `{"type":"random","value":0.5}`)
	expect(t, got[5], `{"type":"verify","signer":1,"data":"data","signature":"s"}`)
}

func TestEventsWrittenAheadDuringAnAskAreHandledAfterTheStepInOrder(t *testing.T) {
	got := exchange(t, helloV2, reset, withMore(msg(`"sign"`)), withMore(`{"type":"message","now":5,"from":2,"payload":1}`),
		`{"type":"message","now":6,"from":3,"payload":1}`,
		`{"type":"signature","signature":"S"}`, `{"type":"verified","valid":false}`, `{"type":"random","value":0.5}`)
	expect(t, got[2:], `[{"type":"sign","data":"data"},{"type":"verify","signer":1,"data":"data","signature":"s"},{"type":"random"},
		{"type":"done","effects":[{"kind":"broadcast","payload":{"ok":false,"r":0.5,"sig":"S"}}]},
		{"type":"done","effects":[{"kind":"send","to":2,"payload":{"count":2,"now":5}}]},
		{"type":"done","effects":[{"kind":"send","to":3,"payload":{"count":3,"now":6}}]}]`)
}

// hosted tags an event line with the instance it is for (protocol 4).
func hosted(line string, replica int) string {
	return strings.TrimSuffix(line, "}") + fmt.Sprintf(`,"replica":%d}`, replica)
}

func TestOneProcessHostsSeveralInstancesEachWithItsOwnState(t *testing.T) {
	other := `{"type":"reset","config":{"id":1,"n":4,"f":1,"clients":[4]}}`
	got := exchange(t, `{"type":"hello","protocol":1,"newest":4}`, hosted(reset, 0), hosted(other, 1),
		hosted(msg("1"), 0), hosted(msg("1"), 0), hosted(msg("1"), 1), hosted(reset, 0), hosted(msg("1"), 0), hosted(msg("1"), 1),
		hosted(msg("1"), 7))
	expect(t, got[0]["protocol"], `4`)
	// Instance 0 counts 1, 2; instance 1 counts on its own; a reset of 0 starts it afresh.
	for i, want := range []string{`1`, `2`, `1`, ``, `1`, `2`} {
		if want == `` {
			continue
		}
		expect(t, got[3+i]["effects"].([]interface{})[0].(map[string]interface{})["payload"].(map[string]interface{})["count"], want)
	}
	if got[9]["type"] != "error" || !strings.Contains(got[9]["message"].(string), "before a successful reset") {
		t.Fatalf("an event for an instance never reset: got %s", asJSON(got[9]))
	}
}

func TestProtocol1RefusesAnEventInPlaceOfAnAnswer(t *testing.T) {
	got := exchange(t, `{"type":"hello","protocol":1}`, reset, msg(`"sign"`), msg("1"))
	if got[3]["type"] != "error" || !strings.Contains(got[3]["message"].(string), `asked "sign", byzcheck answered "message"`) {
		t.Fatalf("got %s", asJSON(got[3]))
	}
}

// flushes records, at each write reaching it (one per Flush of the binding's buffer), how many
// complete lines it has received so far.
type flushes struct {
	lines int
	at    []int
}

func (f *flushes) Write(p []byte) (int, error) {
	f.lines += bytes.Count(p, []byte("\n"))
	f.at = append(f.at, f.lines)
	return len(p), nil
}

func TestADoneAfterAnEventWithMoreWaitsForTheNextFlush(t *testing.T) {
	lines := []string{helloV2, reset, withMore(msg("1")), withMore(msg("1")), msg("1"), withMore(msg(`"sign"`)),
		`{"type":"signature","signature":"S"}`, `{"type":"verified","valid":true}`, `{"type":"random","value":0.1}`, msg("1"),
		withMore(msg(`"boom"`))}
	out := &flushes{}
	if err := Serve("counter", newCounter, strings.NewReader(strings.Join(lines, "\n")+"\n"), out); err != nil {
		t.Fatal(err)
	}
	// hello, reset, the group of three dones at once, each question before its answer is read, the
	// done of the "more" event with the next event's done, and the last error line at end of input.
	expect(t, out.at, `[1,2,5,6,7,8,10,11]`)
}
