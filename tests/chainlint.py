#!/usr/bin/env python3
"""chainlint.py SCRIPT... - find the commands of a test whose failure cannot
fail it, as git's t/chainlint does, for this harness (tests/lib.sh).

A test body runs in a subshell under `set -e`, so every command that fails
fails the test, except where the shell ignores set -e:

  - every command of an AND-OR list but the last: in `a && b` on a line of
    its own, a failing `a` is ignored and the test goes on;
  - a command negated with `!`;
  - everything inside a compound command (a loop, an if, a { } group, a
    subshell) whose status is tested by && or ||;
  - anything masked with `|| true`, `|| :`, `|| echo ...`.

So in each test body (the last argument of test_expect_success) and each
function a script defines, this rejects:

  - an AND-OR list holding && that is not the last command of the body
    (nor the last of an if/case branch or group that is), unless it ends
    in `|| <explicit failure>` (`exit 1`, `return 1`, `false`, or a group
    ending so);
  - an `||` after an `&&` in the same list, unless what follows the `||`
    is an explicit failure (in `a && b || c`, c hides a failing a);
  - `|| true`, `|| :`, `|| echo`/`printf`, `|| exit 0`, `|| return 0`;
  - `! cmd` anywhere but in a condition or as the body's last command
    (use test_not);
  - inside a compound command whose status is tested by && or ||, each
    command that could fail unless it ends in `|| <explicit failure>`.

`a || b` alone is allowed: it says "a, or else b", and b's failure still
fails the test.  Conditions (if, while, until) may test anything.  The
lines are one a line: FILE:LINE: what is wrong: the line.  Exit status 1
when anything was found.
"""
import os
import sys

RESERVED = {"if", "then", "elif", "else", "fi", "do", "done", "while",
            "until", "for", "in", "case", "esac", "{", "}", "!"}
OPERATORS = ["&&", "||", ";;", "<<-", "<<", ">>", "<&", ">&", "<>", ">|",
             ";", "&", "|", "(", ")", "<", ">"]
REDIRS = {"<<-", "<<", ">>", "<&", ">&", "<>", ">|", "<", ">"}


class ParseError(Exception):
    pass


class Tok:
    def __init__(self, kind, text, line, value=None, quoted=False):
        self.kind, self.text, self.line = kind, text, line
        self.value = text if value is None else value
        self.quoted = quoted

    def __repr__(self):
        return "%s(%r@%d)" % (self.kind, self.text, self.line)


def tokenize(src, line=1):
    """Tokens: WORD (text as written, value unquoted), OP, NL, EOF."""
    toks, i, n = [], 0, len(src)
    heredocs = []           # (delimiter, strip tabs) waiting for a newline

    def skip_balanced(i, opener, closer):
        # i is just after the opener; return the index after the closer
        depth = 1
        while i < n:
            c = src[i]
            if c == "\\":
                i += 2
                continue
            if c == "'" and opener != "{":
                j = src.find("'", i + 1)
                if j < 0:
                    raise ParseError("unterminated '")
                i = j + 1
                continue
            if c == '"':
                i = skip_dquote(i + 1)
                continue
            if c == "`":
                i = skip_backquote(i + 1)
                continue
            if c == "$" and i + 1 < n and src[i + 1] in "({":
                i = skip_balanced(i + 2, src[i + 1], ")" if src[i + 1] == "(" else "}")
                continue
            if c == opener:
                depth += 1
            elif c == closer:
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        raise ParseError("unterminated $" + opener)

    def skip_dquote(i):
        while i < n:
            c = src[i]
            if c == "\\":
                i += 2
            elif c == '"':
                return i + 1
            elif c == "`":
                i = skip_backquote(i + 1)
            elif c == "$" and i + 1 < n and src[i + 1] in "({":
                i = skip_balanced(i + 2, src[i + 1], ")" if src[i + 1] == "(" else "}")
            else:
                i += 1
        raise ParseError('unterminated "')

    def skip_backquote(i):
        while i < n:
            if src[i] == "\\":
                i += 2
            elif src[i] == "`":
                return i + 1
            else:
                i += 1
        raise ParseError("unterminated `")

    def dquote_value(s):
        out, k = [], 0
        while k < len(s):
            if s[k] == "\\" and k + 1 < len(s) and s[k + 1] in '$`"\\\n':
                if s[k + 1] != "\n":
                    out.append(s[k + 1])
                k += 2
            else:
                out.append(s[k])
                k += 1
        return "".join(out)

    while i < n:
        c = src[i]
        if c in " \t":
            i += 1
        elif c == "\\" and i + 1 < n and src[i + 1] == "\n":
            i += 2
            line += 1
        elif c == "#":
            while i < n and src[i] != "\n":
                i += 1
        elif c == "\n":
            toks.append(Tok("NL", "\n", line))
            i += 1
            line += 1
            for delim, strip in heredocs:
                while True:
                    if i >= n:
                        raise ParseError("here-document without %s" % delim)
                    j = src.find("\n", i)
                    j = n if j < 0 else j
                    body = src[i:j]
                    i = j + 1
                    line += 1
                    if (body.lstrip("\t") if strip else body) == delim:
                        break
            heredocs = []
        else:
            op = next((o for o in OPERATORS if src.startswith(o, i)), None)
            if op:
                toks.append(Tok("OP", op, line))
                i += len(op)
                if op in ("<<", "<<-"):
                    toks[-1].heredoc = op
                continue
            start, value, quoted = i, [], False
            while i < n:
                c = src[i]
                if c in " \t\n;&|()<>":
                    break
                if c == "\\":
                    if i + 1 < n and src[i + 1] == "\n":
                        i += 2
                        line += 1
                        continue
                    value.append(src[i + 1:i + 2])
                    quoted = True
                    i += 2
                elif c == "'":
                    j = src.find("'", i + 1)
                    if j < 0:
                        raise ParseError("unterminated '")
                    value.append(src[i + 1:j])
                    quoted = True
                    line += src.count("\n", i, j)
                    i = j + 1
                elif c == '"':
                    j = skip_dquote(i + 1)
                    value.append(dquote_value(src[i + 1:j - 1]))
                    quoted = True
                    line += src.count("\n", i, j)
                    i = j
                elif c == "`":
                    j = skip_backquote(i + 1)
                    value.append(src[i:j])
                    line += src.count("\n", i, j)
                    i = j
                elif c == "$" and i + 1 < n and src[i + 1] in "({":
                    j = skip_balanced(i + 2, src[i + 1], ")" if src[i + 1] == "(" else "}")
                    value.append(src[i:j])
                    line += src.count("\n", i, j)
                    i = j
                else:
                    value.append(c)
                    i += 1
            text = src[start:i]
            # an fd before a redirection (2>err) is not a word
            if text.isdigit() and i < n and src[i] in "<>":
                continue
            tok = Tok("WORD", text, line - text.count("\n"), "".join(value), quoted)
            if len(toks) and getattr(toks[-1], "heredoc", None):
                heredocs.append((tok.value, toks[-1].heredoc == "<<-"))
            toks.append(tok)
    toks.append(Tok("EOF", "", line))
    return toks


# ---- the tree ----

class Simple:
    def __init__(self, words, line):
        self.words, self.line = words, line     # words: Tok


class Compound:
    # kind: if, while, until, for, case, group, subshell
    def __init__(self, kind, line, conds=(), bodies=()):
        self.kind, self.line = kind, line
        self.conds, self.bodies = list(conds), list(bodies)


class FuncDef:
    def __init__(self, name, body, line):
        self.name, self.body, self.line = name, body, line


class Pipeline:
    def __init__(self, bang, cmds, line):
        self.bang, self.cmds, self.line = bang, cmds, line


class AndOr:
    def __init__(self, pipes, ops, line):
        self.pipes, self.ops, self.line = pipes, ops, line


class Parser:
    def __init__(self, toks):
        self.t, self.i = toks, 0

    def peek(self):
        return self.t[self.i]

    def next(self):
        tok = self.t[self.i]
        self.i += 1
        return tok

    def is_word(self, *words):
        tok = self.peek()
        return tok.kind == "WORD" and not tok.quoted and tok.text in words

    def is_op(self, *ops):
        tok = self.peek()
        return tok.kind == "OP" and tok.text in ops

    def expect_word(self, word):
        if not self.is_word(word):
            tok = self.peek()
            raise ParseError("line %d: expected '%s', found %r" % (tok.line, word, tok.text))
        return self.next()

    def linebreak(self):
        while self.peek().kind == "NL":
            self.next()

    def parse_list(self, stop=()):
        items = []
        while True:
            self.linebreak()
            tok = self.peek()
            if tok.kind == "EOF" or self.is_op(")", ";;") or \
               (tok.kind == "WORD" and not tok.quoted and tok.text in stop):
                return items
            items.append(self.parse_andor())
            if self.is_op(";", "&"):
                self.next()
            elif self.peek().kind == "NL":
                pass
            elif not (self.peek().kind == "EOF" or self.is_op(")", ";;") or
                      (self.peek().kind == "WORD" and self.peek().text in stop)):
                raise ParseError("line %d: unexpected %r" % (self.peek().line, self.peek().text))

    def parse_andor(self):
        line = self.peek().line
        pipes, ops = [self.parse_pipeline()], []
        while self.is_op("&&", "||"):
            ops.append(self.next().text)
            self.linebreak()
            pipes.append(self.parse_pipeline())
        return AndOr(pipes, ops, line)

    def parse_pipeline(self):
        line = self.peek().line
        bang = False
        if self.is_word("!"):
            self.next()
            bang = True
        cmds = [self.parse_command()]
        while self.is_op("|"):
            self.next()
            self.linebreak()
            cmds.append(self.parse_command())
        return Pipeline(bang, cmds, line)

    def redirections(self):
        while self.is_op(*REDIRS):
            self.next()
            if self.peek().kind != "WORD":
                raise ParseError("line %d: a redirection without a file" % self.peek().line)
            self.next()

    def parse_command(self):
        tok = self.peek()
        line = tok.line
        if self.is_op("("):
            self.next()
            body = self.parse_list()
            if not self.is_op(")"):
                raise ParseError("line %d: ( without )" % line)
            self.next()
            cmd = Compound("subshell", line, bodies=[body])
        elif self.is_word("{"):
            self.next()
            body = self.parse_list(("}",))
            self.expect_word("}")
            cmd = Compound("group", line, bodies=[body])
        elif self.is_word("if"):
            self.next()
            conds, bodies = [self.parse_list(("then",))], []
            self.expect_word("then")
            bodies.append(self.parse_list(("elif", "else", "fi")))
            while self.is_word("elif"):
                self.next()
                conds.append(self.parse_list(("then",)))
                self.expect_word("then")
                bodies.append(self.parse_list(("elif", "else", "fi")))
            if self.is_word("else"):
                self.next()
                bodies.append(self.parse_list(("fi",)))
            self.expect_word("fi")
            cmd = Compound("if", line, conds, bodies)
        elif self.is_word("while", "until"):
            kind = self.next().text
            cond = self.parse_list(("do",))
            self.expect_word("do")
            body = self.parse_list(("done",))
            self.expect_word("done")
            cmd = Compound(kind, line, [cond], [body])
        elif self.is_word("for"):
            self.next()
            self.next()     # the name
            self.linebreak()
            if self.is_word("in"):
                self.next()
                while self.peek().kind == "WORD":
                    self.next()
            if self.is_op(";"):
                self.next()
            self.linebreak()
            self.expect_word("do")
            body = self.parse_list(("done",))
            self.expect_word("done")
            cmd = Compound("for", line, bodies=[body])
        elif self.is_word("case"):
            self.next()
            self.next()     # the word
            self.linebreak()
            self.expect_word("in")
            bodies = []
            while True:
                self.linebreak()
                if self.is_word("esac"):
                    break
                if self.is_op("("):
                    self.next()
                while not self.is_op(")"):
                    if self.peek().kind == "EOF":
                        raise ParseError("line %d: case without esac" % line)
                    self.next()
                self.next()
                bodies.append(self.parse_list(("esac",)))
                if self.is_op(";;"):
                    self.next()
            self.expect_word("esac")
            cmd = Compound("case", line, bodies=bodies)
        elif tok.kind == "WORD":
            words = []
            while True:
                if self.is_op(*REDIRS):
                    self.redirections()
                elif self.peek().kind == "WORD":
                    words.append(self.next())
                else:
                    break
            if len(words) == 1 and self.is_op("(") and \
               self.t[self.i + 1].kind == "OP" and self.t[self.i + 1].text == ")":
                self.i += 2
                self.linebreak()
                return FuncDef(words[0].value, self.parse_command(), line)
            return Simple(words, line)
        elif self.is_op(*REDIRS):
            self.redirections()
            return self.parse_command() if self.peek().kind == "WORD" else Simple([], line)
        else:
            raise ParseError("line %d: unexpected %r" % (line, tok.text))
        self.redirections()
        return cmd


def parse(src, line=1):
    p = Parser(tokenize(src, line))
    items = p.parse_list()
    if p.peek().kind != "EOF":
        raise ParseError("line %d: unexpected %r" % (p.peek().line, p.peek().text))
    return items


# ---- the rules ----

def simple_of(pipe):
    if len(pipe.cmds) == 1 and isinstance(pipe.cmds[0], Simple) and pipe.cmds[0].words:
        return [w.value for w in pipe.cmds[0].words]
    return None


def explicit_failure(pipe):
    """exit N, return N (N not 0), false, or a group or subshell ending so."""
    if pipe.bang or len(pipe.cmds) != 1:
        return False
    cmd = pipe.cmds[0]
    if isinstance(cmd, Compound) and cmd.kind in ("group", "subshell"):
        body = cmd.bodies[0]
        return bool(body) and not body[-1].ops and explicit_failure(body[-1].pipes[-1])
    words = simple_of(pipe)
    if not words:
        return False
    if words[0] == "false":
        return True
    return words[0] in ("exit", "return") and (len(words) == 1 or words[1] != "0")


def hides_failure(pipe):
    """What, after ||, makes a failure a success."""
    words = simple_of(pipe)
    if pipe.bang or not words:
        return False
    return words[0] in ("true", ":", "echo", "printf") or \
        (words[0] in ("exit", "return") and len(words) > 1 and words[1] == "0")


def cannot_fail(andor):
    """A command whose status does not matter: flow, an assignment."""
    if andor.ops or andor.pipes[0].bang:
        return False
    words = simple_of(andor.pipes[0])
    if words is None:
        return False
    if words[0] in ("exit", "return", "break", "continue", ":", "true",
                    "export", "unset", "shift", "set", "local"):
        return True
    # an assignment alone, with no command substitution to fail
    cmd = andor.pipes[0].cmds[0]
    return all("=" in w.text and w.text.split("=")[0].isidentifier() and
               "$(" not in w.text and "`" not in w.text for w in cmd.words)


def compound(andor):
    """A compound command alone: what is inside it is looked at instead."""
    return not andor.ops and not andor.pipes[0].bang and \
        len(andor.pipes[0].cmds) == 1 and isinstance(andor.pipes[0].cmds[0], Compound)


def captured(andor, after):
    """Is the status kept by the next command (x=$? or a case on $?)?"""
    if after is None or after.ops:
        return False
    words = simple_of(after.pipes[0])
    return bool(words) and "$?" in " ".join(w for w in words)


def unsafe_functions(items, lines):
    """The functions whose failures set -e alone catches: name -> line."""
    out = {}
    for cmd in walk(items):
        if isinstance(cmd, FuncDef):
            found = []
            lint = Linter(lines, lambda line, msg: found.append(line))
            lint.list([AndOr([Pipeline(False, [cmd.body], cmd.line)], [], cmd.line)],
                      eon=False, tail=True)
            if found:
                out[cmd.name] = "line %d" % found[0]
    return out


class Linter:
    def __init__(self, lines, report, unsafe=None):
        self.lines, self.report = lines, report
        # the functions that rely on set -e: name -> where one fails unseen
        self.unsafe = unsafe or {}

    def err(self, line, msg):
        text = self.lines[line - 1].strip() if 0 < line <= len(self.lines) else ""
        self.report(line, "%s: %s" % (msg, text))

    def body(self, items):
        """A test body or a function: set -e on, its last status its own."""
        self.list(items, eon=True, tail=True)

    def list(self, items, eon, tail):
        # a list that ends in a failure fails whatever came before it
        fails = bool(items) and not items[-1].ops and explicit_failure(items[-1].pipes[0])
        for k, a in enumerate(items):
            self.andor(a, eon or fails, tail and k == len(items) - 1,
                       items[k + 1] if k + 1 < len(items) else None)

    def andor(self, a, eon, last, after=None):
        for k, op in enumerate(a.ops):
            rhs = a.pipes[k + 1]
            if op != "||":
                continue
            if hides_failure(rhs):
                self.err(rhs.line, "'|| %s' hides a failure" % " ".join(simple_of(rhs)))
            elif "&&" in a.ops[:k] and not explicit_failure(rhs):
                self.err(rhs.line, "a failure before '&&' goes on to the '||' "
                         "and is ignored (end with '|| exit 1', or use if)")
        ends_in_failure = a.ops and a.ops[-1] == "||" and explicit_failure(a.pipes[-1])
        if not last and not ends_in_failure:
            if "&&" in a.ops:
                self.err(a.line, "set -e ignores a failure before '&&' here "
                         "(one command a line; or 'if'; or end with '|| exit 1')")
            elif a.pipes[0].bang and not a.ops:
                self.err(a.line, "set -e ignores '!' (use test_not)")
            elif not eon and not cannot_fail(a) and not captured(a, after) and \
                    not compound(a):
                self.err(a.line, "set -e is off here (the block's status is "
                         "tested by && or ||): end with '|| exit 1'")
        for k, pipe in enumerate(a.pipes):
            final = k == len(a.pipes) - 1
            words = simple_of(pipe)
            if words and words[0] in self.unsafe and (not final or not eon):
                self.err(pipe.line, "set -e is off inside %s here (its status is "
                         "tested by && or ||), and it relies on it (%s)"
                         % (words[0], self.unsafe[words[0]]))
            for j, cmd in enumerate(pipe.cmds):
                piped = j < len(pipe.cmds) - 1
                self.command(cmd, eon and final, last if final else True, piped)

    def command(self, cmd, eon, tail, piped):
        """tail: the status of cmd's last command is cmd's, and counts."""
        if isinstance(cmd, FuncDef):
            self.body([AndOr([Pipeline(False, [cmd.body], cmd.line)], [], cmd.line)])
        elif isinstance(cmd, Compound):
            for c in cmd.conds:
                self.condition(c)
            if cmd.kind == "subshell":
                # set -e applies to a subshell's own status, wherever it
                # is; a pipe (but the last command) loses it
                tail = not piped
            elif cmd.kind in ("while", "until", "for"):
                # only the last time round would count
                tail = False
            else:
                tail = tail and not piped
            for b in cmd.bodies:
                self.list(b, eon, tail)

    def condition(self, items):
        # anything may be tested; only what hides a failure is wrong
        for a in items:
            for k, op in enumerate(a.ops):
                if op == "||" and hides_failure(a.pipes[k + 1]):
                    self.err(a.pipes[k + 1].line, "'|| %s' hides a failure"
                             % " ".join(simple_of(a.pipes[k + 1])))
            for pipe in a.pipes:
                for cmd in pipe.cmds:
                    if isinstance(cmd, Compound):
                        for c in cmd.conds + cmd.bodies:
                            self.condition(c)


def walk(items):
    """Every simple command and function definition, depth first."""
    for a in items:
        for pipe in a.pipes:
            for cmd in pipe.cmds:
                yield cmd
                if isinstance(cmd, Compound):
                    for b in cmd.conds + cmd.bodies:
                        yield from walk(b)
                elif isinstance(cmd, FuncDef):
                    yield from walk([AndOr([Pipeline(False, [cmd.body], cmd.line)], [], cmd.line)])


def lint_body(src, lines, line, report, unsafe):
    try:
        items = parse(src, line)
    except ParseError as e:
        report(line, "the body does not parse: %s" % e)
        return
    Linter(lines, report, unsafe).body(items)


def functions_of(path):
    """The unsafe functions a script defines (see unsafe_functions)."""
    src = open(path, encoding="utf-8").read()
    try:
        return unsafe_functions(parse(src), src.split("\n"))
    except ParseError:
        return {}


def lint_script(path, out):
    src = open(path, encoding="utf-8").read()
    lines = src.split("\n")
    found = []

    def report(line, msg):
        found.append("%s:%d: %s" % (path, line, msg))

    try:
        items = parse(src)
    except ParseError as e:
        report(1, "does not parse: %s" % e)
        items = []
    # the harness's functions, and the script's own
    lib = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib.sh")
    unsafe = functions_of(lib) if os.path.exists(lib) else {}
    unsafe.update(unsafe_functions(items, lines))
    for cmd in walk(items):
        if isinstance(cmd, FuncDef):
            Linter(lines, report, unsafe).body(
                [AndOr([Pipeline(False, [cmd.body], cmd.line)], [], cmd.line)])
        elif isinstance(cmd, Simple) and len(cmd.words) >= 3 and \
                cmd.words[0].value == "test_expect_success":
            w = cmd.words[-1]
            # the body's lines are the script's, from the quote on
            lint_body(w.value, lines, w.line, report, unsafe)
    # a function inside a body is reported twice: once is enough
    seen = []
    for f in found:
        if f not in seen:
            seen.append(f)
            out.write(f + "\n")
    return len(seen)


def main(argv):
    if len(argv) < 2:
        sys.stderr.write("usage: chainlint.py SCRIPT...\n")
        return 2
    bad = 0
    for path in argv[1:]:
        bad += lint_script(path, sys.stdout)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
