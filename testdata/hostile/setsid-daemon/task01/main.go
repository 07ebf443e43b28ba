// Hostile: main answers correctly, but first starts a copy of itself in a
// new session (a daemon) that outlives it and keeps writing a marker file.
// The grader must leave nothing running.
//
// expect: c1=pass c2=pass c3=pass
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

func main() {
	if len(os.Args) == 2 && os.Args[1] == "hostile-daemon" {
		for {
			os.WriteFile("marker", []byte(time.Now().String()), 0o644)
			time.Sleep(10 * time.Millisecond)
		}
	}
	d := exec.Command(os.Args[0], "hostile-daemon")
	d.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	d.Start()
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
