"""Fill new unfinished entries of a .ts file from translations of the same source text.

Code moved to another class changes a string's lupdate context, which drops its old
entry (``-no-obsolete``) and adds an unfinished one; this carries the translation over
so moving code never loses translations. Usage: carry_over.py OLD.ts NEW.ts
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET


def translations(path: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for message in ET.parse(path).getroot().iter("message"):
        source, target = message.find("source"), message.find("translation")
        if (source is not None and target is not None and target.text
                and target.get("type") not in ("unfinished", "vanished", "obsolete")):
            found.setdefault(source.text or "", target.text)
    return found


def main(old: str, new: str) -> int:
    known = translations(old)
    tree = ET.parse(new)
    filled = 0
    for message in tree.getroot().iter("message"):
        source, target = message.find("source"), message.find("translation")
        if (source is not None and target is not None and target.get("type") == "unfinished"
                and (source.text or "") in known):
            target.text = known[source.text or ""]
            del target.attrib["type"]
            filled += 1
    if filled:
        tree.write(new, encoding="utf-8", xml_declaration=True)
    print(f"carried over {filled} translation(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
