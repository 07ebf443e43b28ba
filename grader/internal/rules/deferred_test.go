package rules_test

import (
	"testing"

	"github.com/classgrade/gograder/grader/internal/rules"
	"github.com/classgrade/gograder/grader/internal/spec"
)

func TestDeferredTextAndMethod(t *testing.T) {
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
