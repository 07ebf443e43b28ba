package main

import (
	"bufio"
	"bytes"
	"io"
)

// Detach hands back the layer under br without losing what br already pulled
// from it: a private copy of br's buffered bytes, followed by the rest of raw.
// raw is not read here, and the copy keeps the result valid even if br is
// Reset and reused afterwards.
func Detach(br *bufio.Reader, raw io.Reader) io.Reader {
	pending := br.Buffered()
	if pending == 0 {
		return raw
	}
	held := make([]byte, pending)
	// Peek of at most Buffered() bytes is served from the buffer alone.
	view, _ := br.Peek(pending)
	copy(held, view)
	return io.MultiReader(bytes.NewReader(held), raw)
}
