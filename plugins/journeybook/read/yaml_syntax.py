"""YAML syntax errors in plain words, placed where the author made the mistake.

libyaml notices many mistakes far from where they were made: a quote that is never closed
runs on, over the following lines, until the next quote character, and the error appears
there. So a syntax error is located, when possible, at the start of what was left open: the
error's context mark (where the quoted text, list or braces started), or else the quoted text
just before the error, found by scanning the tokens again (only when there is an error).
"""

from __future__ import annotations

from typing import Any

import yaml

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlProblem(Exception):
    """A problem in the YAML text itself, at a 1-based line and column of the file."""

    def __init__(self, line: int, column: int, message: str, field: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message
        self.field = field


def _reader_problem(error: yaml.reader.ReaderError, text: str, line_offset: int) -> YamlProblem:
    """A character libyaml refuses to read at all (NUL and other controls), at its line and column."""
    before = text[: error.position]
    line = before.count("\n") + 1 + line_offset
    column = error.position - (before.rfind("\n") + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "\0")
    return YamlProblem(line, column, f"contains the control character U+{code:04X}; remove it")


def _quoted_before(text: str, problem_mark: Any) -> Any:
    """The quoted value just before the error, if it ends on the error's line.

    That value is what the author most likely left open (a quote that runs on to a later
    line) or closed too early (a quote meant as part of the text, with more text after it).
    """
    last = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.index >= problem_mark.index:
                break
            last = token
    except yaml.YAMLError:
        pass
    if not isinstance(last, yaml.ScalarToken) or last.style not in ('"', "'"):
        return None
    return last if last.end_mark.line == problem_mark.line else None


def _open_bracket(text: str, problem_mark: Any) -> Any:
    """The innermost '[' or '{' still open where the error is, if any."""
    opened: list[Any] = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.index >= problem_mark.index:
                break
            if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
                opened.append(token)
            elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)) and opened:
                opened.pop()
    except yaml.YAMLError:
        pass
    return opened[-1] if opened else None


def _quote_problem(token: Any, problem_mark: Any, line_offset: int) -> YamlProblem:
    """The quote at ``token``'s start was closed by a quote meant as part of the text, or later on."""
    start, end = token.start_mark, token.end_mark
    quote = token.style
    other = "'" if quote == '"' else '"'
    if start.line != end.line:
        message = (f"a quote ({quote}) opened here is never closed on this line, so everything up to the next {quote} "
                   f"on line {end.line + 1 + line_offset} became part of this value; close it at the end of this line")
    else:
        message = (f"the quoted text opened here ends at the next {quote} (column {end.column}), and more text follows it; "
                   f"put text that contains {quote} between {other} quotes instead, or leave the quotes out")
    return YamlProblem(start.line + 1 + line_offset, start.column + 1, f"YAML syntax error: {message}")


def _plain_words(problem: str, context: str) -> str:
    """libyaml's problem and context, said as what to do about them."""
    if "invalid Unicode character escape" in problem:
        return "a \\u escape names no character (a lone surrogate such as \\ud800); remove it"
    if "quoted scalar" in context:
        return "a quote opened here is never closed; close it at the end of the value, on the same line"
    if "flow sequence" in context:
        return "the '[' list opened here is never closed with ']', or its items are not separated by ','"
    if "flow mapping" in context:
        return "the '{' opened here is never closed with '}', or its items are not separated by ','"
    if "could not find expected ':'" in problem:
        return "this line is missing its ':' (write 'name: value')"
    if "unexpected end of stream" in problem:
        return "a quote or bracket is opened but never closed"
    if "did not find expected key" in problem or "expected <block end>" in problem or "did not find expected '-' indicator" in problem:
        return "the indentation does not line up with the lines above; indent with the same number of spaces"
    if "mapping values are not allowed" in problem:
        return ("a ':' appears where it is not allowed; put text containing ': ' in quotes, "
                "or check that this line is not indented more than the one above it")
    return (problem + (f" ({context})" if context else "")).replace("\n", " ")


def syntax_problem(error: yaml.YAMLError, text: str, line_offset: int) -> YamlProblem:
    """A YAML syntax error in plain words, located where the author can fix it (always one line)."""
    if isinstance(error, yaml.reader.ReaderError):
        return _reader_problem(error, text, line_offset)
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None) or ""
    lines = text.splitlines()
    at_tab = bool(problem_mark) and problem_mark.line < len(lines) and "\t" in lines[problem_mark.line][: problem_mark.column + 1]
    # An unclosed quote or bracket is only noticed where the text ends; point where it opened.
    opened = context.startswith(("while scanning a quoted scalar", "while parsing a flow", "while scanning a simple key"))
    if at_tab:
        message = "a tab character is used for indentation; YAML needs spaces"
    else:
        quoted = None if (opened and context_mark) or problem_mark is None else _quoted_before(text, problem_mark)
        if quoted is not None:
            return _quote_problem(quoted, problem_mark, line_offset)
        bracket = _open_bracket(text, problem_mark) if context == "while parsing a flow node" and problem_mark else None
        if bracket is not None:  # libyaml's context is where the text ended, not where the bracket opened
            context, context_mark = ("while parsing a flow sequence" if bracket.id == "[" else "while parsing a flow mapping"), bracket.start_mark
        message = _plain_words(problem, context)
    mark = (context_mark if opened else None) or problem_mark or context_mark
    line = (mark.line + 1 + line_offset) if mark else line_offset + 1
    column = (mark.column + 1) if mark else 1
    return YamlProblem(line, column, f"YAML syntax error: {message}")
