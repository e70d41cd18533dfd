"""The ``discourse`` command.

Every command takes corpus paths as positional arguments (mixed-language files, folders,
tables, or a corpus saved by ``discourse import -o``) and reads the bundled corpus when
none is given; every command prints a table with ``--format table|csv|json``.

Options may come anywhere among a command's positional arguments
(``discourse kwic 责任 --parallel FILE``). A flag is spelled like the keyword of the
library function it sets (``--min-count`` is ``min_count=``); an old spelling still works
for one release and says so on stderr (``discourse: --ngram is now --n``).

Exit status: 0 on success, 1 when the input cannot be used (the message names the file
and says what to do), 2 when the command line itself is wrong. No traceback is shown
unless ``--debug`` is given.

The commands are the table :data:`COMMANDS` (:mod:`discourse.cli.commands`): for each, a
pair of functions, ``add_<command>(parser)`` declaring its options and
``run_<command>(args, corpus)`` calling the library and returning a table (a DataFrame)
or a view (a Concordance). A new command is one pair and one line of the table; the
options commands share are in :mod:`discourse.cli.options`.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings

import discourse
from discourse._terminal import visible
from discourse.cli.commands import COMMANDS
from discourse.cli.options import load, note, output_file
from discourse.cli.output import FORMATS, write_output
from discourse.errors import DiscourseError, InputError

__all__ = ["COMMANDS", "main"]

_TEXT_WIDTH = 60


def _build_parsers(only: str | None = None) -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The ``discourse`` parser and the parser of each command of :data:`COMMANDS`, by name;
    with ``only``, the options of that command alone (the others' parsers are left empty:
    building them all is wasted work for a command line that runs one)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", help="show the full traceback on errors")
    parser = argparse.ArgumentParser(
        prog="discourse",
        description="Comparative, cross-language discourse analysis (zh, vi, fr, en).",
        epilog="Run `discourse COMMAND --help` for a command's options.",
    )
    # its own dest: a command's defaults would overwrite a "debug" given before the command
    parser.add_argument("--debug", action="store_true", dest="main_debug", help="show the full traceback on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    commands = {}
    for name, (text, add, _) in COMMANDS.items():
        if only is None or name == only:
            commands[name] = sub.add_parser(name, parents=[common], help=text)
            add(commands[name])
            output_file(commands[name])  # -o FILE (after the command's own options: import's -o stays)
        else:
            commands[name] = sub.add_parser(name, help=text, add_help=False)
    return parser, commands


def _build_parser() -> argparse.ArgumentParser:
    """The ``discourse`` parser, with one sub-command per entry of :data:`COMMANDS`."""
    return _build_parsers()[0]


def _parse_args(argv) -> argparse.Namespace:
    """The command line read with options anywhere among the positional arguments.

    argparse does not mix options and positionals within a sub-command
    (``kwic 责任 --parallel FILE`` would leave ``FILE`` unrecognized) and its
    ``parse_intermixed_args`` does not take sub-commands. So the main parser finds the
    command first (a missing or unknown command, ``--help``: argparse's own message and
    exit status), then the command's parser reads the rest intermixed; a usage error
    exits with status 2 and the command's usage line.
    """
    argv = sys.argv[1:] if argv is None else [str(a) for a in argv]
    # Before the command come only the main parser's flags (they take no values), so the
    # first word that is not an option is the command.
    at = next((i for i, word in enumerate(argv) if not word.startswith("-")), None)
    parser, commands = _build_parsers(argv[at] if at is not None and argv[at] in COMMANDS else None)
    first, _ = parser.parse_known_args(argv)
    args = commands[first.command].parse_intermixed_args(argv[at + 1:])
    args.command = first.command
    args.debug = args.debug or first.main_debug  # `discourse --debug CMD` or `discourse CMD --debug`
    for old, new in dict.fromkeys(getattr(args, "renamed", ())):  # once each
        note(f"{old} is now {new}")
    return args


def _emit(result, fmt: str, out) -> None:
    """Write a table (a DataFrame) or a view (a Concordance: text, html or its table)."""
    if hasattr(result, "to_text"):  # a view
        if fmt == "html":
            out.write(result.to_html(page=True))
            return
        if fmt == "table":
            out.write(result.to_text() + "\n")
            return
        result = result.to_frame()
    if fmt == "xlsx":
        binary = getattr(out, "buffer", None)
        if binary is None or out.isatty():
            raise InputError("--format xlsx writes a spreadsheet file: redirect the output to one "
                             "(discourse … --format xlsx > table.xlsx)")
        out.flush()
        binary.write(discourse.write_xlsx(result))
        binary.flush()
    elif fmt == "csv":
        result.to_csv(out, index=False, lineterminator="\n")
    elif fmt == "json":
        records = json.loads(result.to_json(orient="records", force_ascii=False))
        json.dump(records, out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        shown = result.copy()
        shown.columns = [visible(str(col)) for col in shown.columns]
        for col in shown.columns:
            if shown[col].dtype.kind not in "biufc":  # numbers are shown as they are, text shortened
                shown[col] = shown[col].map(_shorten)
        out.write(shown.to_string(index=False) + "\n" if len(shown) else "(no rows)\n")


def _shorten(value):
    """A table cell for the terminal: control characters and bidi overrides escaped
    (``\x1b``, ``\u202e``: the data is shown, not obeyed), cut to ``_TEXT_WIDTH``."""
    if not isinstance(value, str):
        return value
    value = visible(value)
    if len(value) > _TEXT_WIDTH:
        return value[: _TEXT_WIDTH - 1] + "…"
    return value


def _plain(message: str) -> str:
    """A message for the terminal: its lines kept, control characters and bidi overrides in
    the file names and texts it quotes escaped."""
    return "\n".join(visible(line) for line in message.split("\n"))


def _run(args, out) -> None:
    corpus = load(args)
    result = COMMANDS[args.command][2](args, corpus)
    if getattr(args, "table_file", None) is None:
        _emit(result, args.format, out)
        return
    if args.format not in ("table", FORMATS[args.table_file.suffix.lower()]):
        note(f"--format {args.format} is for printing; -o {args.table_file} is written as its suffix says")
    note(write_output(result, args.table_file, inputs=args.corpus))


def main(argv=None) -> int:
    """Run the command line (``argv``, default ``sys.argv[1:]``); return the exit status.

    Examples
    --------
    >>> main(["freq", "--lang", "fr", "--top", "2", "--format", "csv"])  # doctest: +ELLIPSIS
    lang,term,count,per_10k,per_million,doc_freq,rank,total
    fr,pauvreté,6,148.88...,14888.33...,1,1,403
    fr,mécanisme,5,124.06...,12406.94...,1,2,403
    0
    """
    args = _parse_args(argv)  # exits with status 2 on a usage error

    def show(message, category, filename, lineno, file=None, line=None):
        print(f"discourse: warning: {_plain(str(message))}", file=sys.stderr)

    with warnings.catch_warnings():
        warnings.showwarning = show
        try:
            _run(args, sys.stdout)
        except DiscourseError as err:
            if args.debug:
                raise
            print(f"discourse: error: {_plain(str(err))}", file=sys.stderr)
            return 1
        except BrokenPipeError:
            return 0
        except KeyboardInterrupt:
            return 130
        except OSError as err:  # the system refused: a file or folder the user named, not a bug of ours
            if args.debug:
                raise
            where = f"{err.filename}: " if err.filename else ""
            print(f"discourse: error: {where}{err.strerror or err}; check the path and its permissions",
                  file=sys.stderr)
            return 1
        except MemoryError:
            if args.debug:
                raise
            print("discourse: error: out of memory; read fewer or smaller files at a time", file=sys.stderr)
            return 1
        except Exception as err:  # a bug of ours: say so plainly
            if args.debug:
                raise
            print(f"discourse: internal error: {type(err).__name__}: {err}\n"
                  "Please report it; run again with --debug for the traceback.", file=sys.stderr)
            return 1
    return 0
