// Package rubric grades written answers (answer.md) on a spec's Rubric, as
// catalogue section 1.5 specifies. The result is always for review: it
// carries what an instructor needs to confirm or override it quickly.
//
// # Text
//
// The answer is normalised (see [Normalize]): lower case, curly quotes made
// straight, backticks and * removed, all whitespace collapsed to single
// spaces. Concept patterns match anywhere in the normalised answer, code
// blocks included. The word count ([Words]) counts \S+ tokens of the file as
// written, outside fenced code blocks.
//
// # Sentences
//
// Misconceptions are looked for per sentence ([Sentences]). The file is cut
// into blocks: a blank line ends a block; a list item (-, *, + or digits and
// . or ) followed by a space) starts one; a heading (#), a table row (|), a
// fence line (``` or ~~~) and each line inside a fenced code block are blocks
// of their own; any other line continues the current block. Each block is
// normalised and split after every '.', '!' or '?' followed by a space.
//
// # Misconceptions and the negation guard
//
// A misconception is found when one of its patterns has, in some sentence, a
// match that is not negated; every match counts (FindAllStringIndex). Words
// are runs of letters, digits, '_' and apostrophes. The negation tokens are
//
//	not no never nothing none neither nor cannot without unlike instead
//	rather avoid brittle fragile myth misconception wrong false incorrect
//
// and every word ending in n't. A match's clause is the longest stretch of
// the sentence that holds the match's last character and none of , ; : — –
// or " - ". The match is negated when a negation token lies in that clause
// and overlaps the match or is one of the 5 words just before or after it.
// A sentence matching one of the misconception's Unless patterns is skipped
// for it, and so is a sentence mentioning python when the misconception is
// Go-specific (the catalogue's †).
//
// For the misconception "Go has a GIL",
//
//	go has no gil.                        negated: "no" is inside the match
//	the claim that go has a gil is false. negated: "false" is 2 words after
//	go, unlike cpython, has a gil.        found: "unlike" is in another clause
//
// # Score
//
// In this order, with share 10 for a written task and 5 for a hybrid one:
//
//	score  = share × groups hit / groups
//	score /= 2                        when words < min words
//	score -= 0.2 × share              for each distinct misconception found
//	score  = max(score, 0), rounded to 0.1
package rubric
