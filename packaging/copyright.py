#!/usr/bin/env python3
"""Writes the package's /usr/share/doc/gantry/copyright in Debian's
machine-readable format (DEP-5): Gantry's own licence, the interface's font,
and every crate linked into the binary with its authors and licence, as
`cargo tree` and `cargo metadata` report them. The texts of licences that
Debian does not keep in /usr/share/common-licenses are in packaging/licenses.

Usage: packaging/copyright.py INTER_LICENSE_FILE > copyright
"""
import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Licences whose full text Debian ships in /usr/share/common-licenses.
COMMON = {"Apache-2.0": "Apache-2.0", "MPL-2.0": "MPL-2.0", "CC0-1.0": "CC0-1.0", "GPL-3+": "GPL-3"}


def dep5_expression(spdx: str) -> tuple[str, set[str]]:
    """An SPDX expression as DEP-5 writes it, and the licences it names."""
    # DEP-5 has no parentheses: a comma before "and" binds the "or"s before it.
    text = re.sub(r"\((.*?)\) AND ", r"\1, AND ", spdx.replace("/", " OR "))
    text = text.replace("(", "").replace(")", "")
    text = re.sub(r"\s+", " ", text).strip()
    text = text.replace(" WITH LLVM-exception", "-with-LLVM-exception")
    names = set(re.split(r",? (?:OR|AND) ", text))
    return text.replace(" OR ", " or ").replace(" AND ", " and "), names


def paragraph(text: str) -> str:
    """Licence text as a DEP-5 field continuation: indented, blank lines as dots."""
    return "\n".join(" " + line if line.strip() else " ." for line in text.rstrip().splitlines())


def main() -> None:
    inter = Path(sys.argv[1]).read_text(encoding="utf-8")
    meta = json.loads(subprocess.check_output(["cargo", "metadata", "--format-version", "1", "--locked"]))
    packages = {(p["name"], p["version"]): p for p in meta["packages"]}
    tree = subprocess.check_output(
        ["cargo", "tree", "--locked", "-p", "gantry-app", "-e", "normal,no-proc-macro", "--prefix", "none", "-f", "{p}"],
        text=True,
    )
    linked = {m.groups() for m in (re.match(r"(\S+) v(\S+)", line) for line in tree.splitlines()) if m}
    out = [
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/",
        "Upstream-Name: Gantry",
        "Upstream-Contact: Gantry developers <dev@gantry.app>",
        "Source: https://gantry.app",
        "",
        "Files: *",
        "Copyright: 2026 Gantry developers",
        "License: GPL-3+",
        "",
        "Files: ui/node_modules/@fontsource-variable/inter/*",
        "Copyright: 2016 The Inter Project Authors",
        "Comment: Inter, the typeface of the interface, built into the program.",
        "License: OFL-1.1",
        "",
    ]
    used = {"GPL-3+"}
    for name, version in sorted(linked):
        p = packages.get((name, version))
        if p is None or p.get("source") is None:
            continue  # a crate of this workspace: Gantry's own, under Files: *
        expr, names = dep5_expression(p.get("license") or "UNKNOWN")
        used |= names
        authors = [re.sub(r"\s*<[^>]*>", "", a).strip() for a in p.get("authors") or []]
        authors = [a for a in authors if a] or [f"The {name} authors"]
        out.append(f"Files: rust/{name}-{version}/*")
        out.append("Copyright: " + "\n ".join(authors))
        out.append(f"License: {expr}")
        out.append(f"Comment: The Rust crate {name} {version}, linked into the program.")
        out.append("")
    out += [
        "License: GPL-3+",
        " This program is free software: you can redistribute it and/or modify",
        " it under the terms of the GNU General Public License as published by",
        " the Free Software Foundation, either version 3 of the License, or",
        " (at your option) any later version.",
        " .",
        " This program is distributed in the hope that it will be useful,",
        " but WITHOUT ANY WARRANTY; without even the implied warranty of",
        " MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the",
        " GNU General Public License for more details.",
        " .",
        " On Debian systems, the complete text of the GNU General Public License",
        " version 3 can be found in '/usr/share/common-licenses/GPL-3'.",
        "",
        "License: OFL-1.1",
        paragraph(inter[inter.index("SIL OPEN FONT LICENSE") :] if "SIL OPEN FONT LICENSE" in inter else inter),
        "",
    ]
    for lic in sorted(used - {"GPL-3+"}):
        base = lic.replace("-with-LLVM-exception", "")
        if base in COMMON:
            body = (
                f" On Debian systems, the complete text of the {base} licence can be found in\n"
                f" '/usr/share/common-licenses/{COMMON[base]}'."
            )
            if lic != base:
                body += "\n .\n With the LLVM exception: as an exception, if, as a result of your compiling\n" \
                        " your source code, portions of this Software are embedded into an Object form\n" \
                        " of such source code, you may redistribute such embedded portions in such\n" \
                        " Object form without complying with the conditions of Sections 4(a), 4(b)\n" \
                        " and 4(d) of the License."
        else:
            text_file = HERE / "licenses" / base
            if not text_file.exists():
                sys.exit(f"copyright.py: no text for the licence {base}: add packaging/licenses/{base}")
            body = paragraph(text_file.read_text(encoding="utf-8"))
        out += [f"License: {lic}", body, ""]
    sys.stdout.write("\n".join(out).rstrip() + "\n")


if __name__ == "__main__":
    main()
