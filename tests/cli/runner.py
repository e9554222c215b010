#!/usr/bin/env python3
"""Runs declarative CLI cases against the real grill binary and prints TAP.

A .test file holds cases; each starts with `=== name` (the contract, as a
sentence in snake case) and has directives, one per line:

  args: validate @FIXTURES@/banks/dup.json   shell-like words
  env: NAME=VALUE                            extra environment (repeatable)
  setup: SHELL COMMAND                       run in the case's home first (repeatable)
  stdin:                                     the lines after it, up to `end`, are stdin
  exit: 1                                    expected exit status (default 0)
  stdout-has: TEXT / stdout-lacks: TEXT      substring checks (repeatable)
  stderr-has: TEXT / stderr-lacks: TEXT
  stdout-is: / stderr-is:                    exact text: the lines after it, up to `end`
  check: SHELL COMMAND                       must exit 0 after the run (repeatable)

Placeholders: @SRC@ (source root), @FIXTURES@ (tests/fixtures), @HOME@ (the
case's own temporary home), @GRILL@ (the binary). Every case runs with its
own HOME, XDG folders and GRILL_HOME under a new temporary folder, LC_ALL=C
and NO_COLOR=1, so it never touches the user's data.
"""
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

BLOCK = {"stdin", "stdout-is", "stderr-is"}


def parse(path):
    cases = []
    cur = None
    block = None
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if block is not None:
                if line == "end":
                    cur[block[0]] = "".join(block[1])
                    block = None
                else:
                    block[1].append(line + "\n")
                continue
            if line.startswith("=== "):
                cur = {"name": line[4:].strip(), "lineno": lineno, "env": [], "setup": [],
                       "has": [], "check": [], "exit": 0, "args": ""}
                cases.append(cur)
                continue
            if not line.strip() or line.startswith("#"):
                continue
            if cur is None:
                sys.exit(f"{path}:{lineno}: directive before the first '=== name'")
            key, sep, value = line.partition(":")
            value = value.strip()
            if not sep:
                sys.exit(f"{path}:{lineno}: expected 'key: value'")
            if key in BLOCK and value == "":
                block = (key, [])
            elif key == "args":
                cur["args"] = value
            elif key == "env":
                cur["env"].append(value)
            elif key == "setup":
                cur["setup"].append(value)
            elif key == "check":
                cur["check"].append(value)
            elif key == "exit":
                cur["exit"] = int(value)
            elif key in ("stdout-has", "stdout-lacks", "stderr-has", "stderr-lacks"):
                cur["has"].append((key, value))
            elif key == "stdin":
                cur["stdin"] = value + "\n"
            else:
                sys.exit(f"{path}:{lineno}: unknown directive '{key}'")
    if block is not None:
        sys.exit(f"{path}: block '{block[0]}' is not closed with 'end'")
    return cases


def run_case(case, grill, src):
    home = tempfile.mkdtemp(prefix="grill-cli-")
    try:
        subs = {"@SRC@": src, "@FIXTURES@": os.path.join(src, "tests", "fixtures"),
                "@HOME@": home, "@GRILL@": grill}

        def sub(s):
            for k, v in subs.items():
                s = s.replace(k, v)
            return s

        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("GRILL_", "XDG_", "OPENAI_", "ANTHROPIC_"))}
        env.update({"HOME": home, "XDG_DATA_HOME": os.path.join(home, ".local/share"),
                    "XDG_CONFIG_HOME": os.path.join(home, ".config"),
                    "XDG_CACHE_HOME": os.path.join(home, ".cache"),
                    "LC_ALL": "C", "NO_COLOR": "1", "TERM": "dumb", "GRILL": grill})
        for e in case["env"]:
            k, _, v = sub(e).partition("=")
            env[k] = v
        for cmd in case["setup"]:
            r = subprocess.run(sub(cmd), shell=True, cwd=home, env=env,
                               capture_output=True, text=True)
            if r.returncode != 0:
                return [f"setup failed: {cmd}: {r.stderr.strip()}"]
        # GRILL_TEST_WRAPPER (meson test --setup valgrind) runs grill under a tool
        wrapper = shlex.split(os.environ.get("GRILL_TEST_WRAPPER", ""))
        argv = wrapper + [grill] + [sub(a) for a in shlex.split(case["args"])]
        try:
            r = subprocess.run(argv, input=sub(case.get("stdin", "")), cwd=home, env=env,
                               capture_output=True, text=True, timeout=120,
                               errors="replace")
        except subprocess.TimeoutExpired:
            return ["timed out after 120 s"]
        problems = []
        if r.returncode != case["exit"]:
            problems.append(f"exit {r.returncode}, expected {case['exit']}")
        for key, text in case["has"]:
            text = sub(text)
            stream = r.stdout if key.startswith("stdout") else r.stderr
            present = text in stream
            if key.endswith("-has") and not present:
                problems.append(f"{key.split('-')[0]} lacks {text!r}")
            if key.endswith("-lacks") and present:
                problems.append(f"{key.split('-')[0]} has {text!r}")
        for key, stream in (("stdout-is", r.stdout), ("stderr-is", r.stderr)):
            if key in case and stream != sub(case[key]):
                problems.append(f"{key.split('-')[0]} differs:\n--- expected\n{sub(case[key])}--- got\n{stream}")
        for cmd in case["check"]:
            c = subprocess.run(sub(cmd), shell=True, cwd=home, env=env, capture_output=True, text=True)
            if c.returncode != 0:
                problems.append(f"check failed: {cmd}\n{c.stdout}{c.stderr}")
        if problems:
            problems.append(f"stdout was:\n{r.stdout}\nstderr was:\n{r.stderr}")
        return problems
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: runner.py GRILL SOURCE_ROOT FILE.test...")
    grill, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    n = failed = 0
    for path in sys.argv[3:]:
        for case in parse(path):
            n += 1
            problems = run_case(case, grill, src)
            where = f"{os.path.basename(path)}:{case['lineno']}"
            if problems:
                failed += 1
                print(f"not ok {n} - {case['name']} ({where})")
                for p in problems:
                    for line in p.splitlines():
                        print(f"# {line}")
            else:
                print(f"ok {n} - {case['name']}")
            sys.stdout.flush()
    print(f"1..{n}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
