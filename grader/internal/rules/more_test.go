package rules_test

import (
	"testing"

	"github.com/classgrade/gograder/grader/internal/rules"
	"github.com/classgrade/gograder/grader/internal/spec"
)

func TestMoreRules(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		rule      spec.Static
		ok        bool
	}{
		{"literal", `package main
import "fmt"
func main() { defer fmt.Println("The end.") }`, spec.Static{RequireDeferredText: "The end."}, true},
		{"const concat in literal func", `package main
import "fmt"
const a = "The "
func main() { defer func() { fmt.Println(a + "end.") }() }`, spec.Static{RequireDeferredText: "The end."}, true},
		{"through a called function", `package main
import "fmt"
func done() { say() }
func say() { fmt.Println("The end.") }
func main() { defer done() }`, spec.Static{RequireDeferredText: "The end."}, true},
		{"printed without defer", `package main
import "fmt"
func main() { fmt.Println("The end."); defer fmt.Println("other") }`, spec.Static{RequireDeferredText: "The end."}, false},
		{"recursion terminates", `package main
func a() { b() }
func b() { a() }
func main() { defer a() }`, spec.Static{RequireDeferredText: "The end."}, false},
		{"pointer receiver", `package main
type E struct{}
func (e *E) Error() string { return "" }
func main() {}`, spec.Static{RequireMethod: "(*E).Error"}, true},
		{"value receiver where pointer wanted", `package main
type E struct{}
func (e E) Error() string { return "" }
func main() {}`, spec.Static{RequireMethod: "(*E).Error"}, false},
		{"value receiver wanted", `package main
type E struct{}
func (e E) Error() string { return "" }
func main() {}`, spec.Static{RequireMethod: "E.Error"}, true},
		{"missing method", `package main
type E struct{}
func main() {}`, spec.Static{RequireMethod: "(*E).Error"}, false},
		{"wait group", `package main
import "sync"
func main() { var wg sync.WaitGroup; wg.Wait() }`, spec.Static{RequireWait: true}, true},
		{"channel receive in select", `package main
func main() { c := make(chan int); select { case <-c: } }`, spec.Static{RequireWait: true}, true},
		{"range over channel", `package main
func main() { c := make(chan int); close(c); for range c {} }`, spec.Static{RequireWait: true}, true},
		{"sleep is no wait", `package main
import "time"
func main() { go func() {}(); time.Sleep(time.Second); for range []int{1} {} }`, spec.Static{RequireWait: true}, false},
		{"first arg through a renamed import", `package main
import (o "os"; "os/exec")
func main() { exec.Command(o.Args[0], "child") }`, spec.Static{RequireCall: &spec.RequireCall{Call: "exec.Command", FirstArg: "os.Args[0]"}}, true},
		{"first arg differs", `package main
import ("os"; "os/exec")
func main() { p, _ := os.Executable(); exec.Command(p, "child") }`, spec.Static{RequireCall: &spec.RequireCall{Call: "exec.Command", FirstArg: "os.Args[0]"}}, false},
		{"go anywhere", `package main
func helper() { go func() {}() }
func main() { helper() }`, spec.Static{RequireStmt: &spec.RequireStmt{Stmt: "go"}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := rules.Load("task25", map[string][]byte{"main.go": []byte(tc.src)})
			if err != nil {
				t.Fatal(err)
			}
			msg := p.Check(tc.rule)
			if (msg == "") != tc.ok {
				t.Fatalf("Check = %q, want ok=%v", msg, tc.ok)
			}
		})
	}
}
