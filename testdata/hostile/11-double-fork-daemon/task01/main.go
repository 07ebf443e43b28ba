// Hostile #11: answers correctly, but first double-forks a setsid daemon
// that outlives main and rewrites a marker file every 10 ms. A process-group
// kill leaves it running; the namespace, the cgroup or the sweep must not.
//
// expect: c1=pass c2=pass
package main

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func ReadContents(path string) (string, error) {
	b, err := os.ReadFile(path)
	return string(b), err
}

// answer is a correct task01 main.
func answer() {
	path := "filename.txt"
	if len(os.Args) == 2 {
		path = os.Args[1]
	} else if len(os.Args) > 2 {
		fmt.Fprintln(os.Stderr, "error: usage: task01 [FILE]")
		os.Exit(1)
	}
	s, err := ReadContents(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	fmt.Print(s)
}

func main() {
	if len(os.Args) == 2 {
		switch os.Args[1] {
		case "hostile-daemon-1":
			spawn("hostile-daemon-2")
			os.Exit(0)
		case "hostile-daemon-2":
			for {
				os.WriteFile("marker", []byte(time.Now().String()), 0o644)
				time.Sleep(10 * time.Millisecond)
			}
		}
	}
	c := spawn("hostile-daemon-1")
	c.Wait()
	for i := 0; i < 100; i++ {
		if _, err := os.Stat("marker"); err == nil {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	answer()
}

func spawn(arg string) *exec.Cmd {
	c := exec.Command(os.Args[0], arg)
	c.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	c.Start()
	return c
}
