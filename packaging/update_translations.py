"""Refresh resources/translations/*.ts from ui/, then build the .qm files (`make translations`).

pyside6-lupdate finds `self.tr(...)` and `QCoreApplication.translate("Context", "...")`. It cannot
see strings passed through a module's small wrapper such as

    def _tr(text, n=-1):
        return QCoreApplication.translate("Wording", text, None, n)

so this script adds those calls (`_tr("%n min", n)`) with the wrapper's context, as plural
messages when a count is passed, and the core's messages (`Text("...")` of app.i18n, in app/)
in the context "Core". Existing translations are kept; a string that moved to another
class (another context) takes its translation along; strings no longer in the code stay in the
file marked vanished, so nothing a translator wrote is lost.
"""

from __future__ import annotations

import ast
import copy
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
BIN = Path(sys.executable).parent
CORE_CONTEXT = "Core"  # ui/i18n.py translates app.i18n.Text templates in this context
# language -> plural forms only? (English ships only the plural forms: "1 day" / "2 days")
LANGUAGES = {"de": False, "en": True}


def _literal(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def wrappers(tree: ast.Module) -> dict[str, str]:
    """Module-level functions that return QCoreApplication.translate("Context", <param>, ...)."""
    found = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or not node.args.args:
            continue
        first = node.args.args[0].arg
        for inner in ast.walk(node):
            if (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute)
                    and inner.func.attr == "translate" and len(inner.args) >= 2
                    and _literal(inner.args[0]) is not None
                    and isinstance(inner.args[1], ast.Name) and inner.args[1].id == first):
                found[node.name] = _literal(inner.args[0])
    return found


def wrapped_messages(path: Path) -> list[tuple[str, str, bool]]:
    """(context, source, plural) of every call to a wrapper with a literal text."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    known = wrappers(tree)
    messages = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in known
                and node.args and _literal(node.args[0]) is not None):
            plural = len(node.args) >= 2 or any(k.arg == "n" for k in node.keywords)
            messages.append((known[node.func.id], _literal(node.args[0]), plural))
    return messages


def core_messages(path: Path) -> list[tuple[str, str, bool]]:
    """(Core, template, False) of every `Text(...)` whose template is a literal or a module-level
    constant."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    constants = {target.id: _literal(node.value) for node in tree.body if isinstance(node, ast.Assign)
                 for target in node.targets if isinstance(target, ast.Name)}
    messages = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Text" and node.args:
            first = node.args[0]
            template = constants.get(first.id) if isinstance(first, ast.Name) else _literal(first)
            if template is not None:
                messages.append((CORE_CONTEXT, template, False))
    return messages


def _context(root: ET.Element, name: str) -> ET.Element:
    for context in root.findall("context"):
        if context.findtext("name") == name:
            return context
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = name
    return context


def add_wrapped(root: ET.Element, messages: list[tuple[str, str, bool]], plural_only: bool) -> int:
    added = 0
    for context_name, source, plural in messages:
        if plural_only and not plural:
            continue
        context = _context(root, context_name)
        message = next((m for m in context.findall("message") if m.findtext("source") == source), None)
        if message is None:
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "source").text = source
            translation = ET.SubElement(message, "translation", type="unfinished")
            if plural:
                message.set("numerus", "yes")
                for _ in range(2):
                    ET.SubElement(translation, "numerusform")
            added += 1
            continue
        translation = message.find("translation")
        if translation.get("type") == "vanished":  # lupdate did not see it; the code still uses it
            done = any((f.text or "") for f in translation.iter("numerusform")) or (translation.text or "")
            if done:
                del translation.attrib["type"]
            else:
                translation.set("type", "unfinished")
    return added


def _translated(translation: ET.Element) -> bool:
    return any((f.text or "") for f in translation.iter("numerusform")) or bool(translation.text)


def carry_moved(root: ET.Element) -> int:
    """A string that moved to another class is unfinished in its new context (at best with
    lupdate's guess) and vanished from its old one: its translation moves with it, finished.
    Returns how many moved."""
    left: dict[tuple[str, str | None], tuple[ET.Element, ET.Element]] = {}
    for context in root.findall("context"):
        for message in context.findall("message"):
            translation = message.find("translation")
            if translation.get("type") == "vanished" and _translated(translation):
                left.setdefault((message.findtext("source"), message.get("numerus")), (context, message))
    moved = 0
    for context in root.findall("context"):
        for message in context.findall("message"):
            translation = message.find("translation")
            if translation.get("type") != "unfinished":
                continue
            found = left.pop((message.findtext("source"), message.get("numerus")), None)
            if found is None:
                continue
            old_context, old = found
            carried = copy.deepcopy(old.find("translation"))
            del carried.attrib["type"]
            message.remove(translation)
            message.append(carried)
            old_context.remove(old)
            moved += 1
    for context in root.findall("context"):
        if not context.findall("message"):
            root.remove(context)
    return moved


def _write(tree: ET.ElementTree, ts: Path) -> None:
    ET.indent(tree, space="    ")
    with ts.open("wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
        out.write(b"\n")


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    wrapped = [m for path in sources for m in wrapped_messages(ROOT / path)]
    wrapped += [m for path in sorted((ROOT / "app").rglob("*.py")) for m in core_messages(path)]
    for language, plural_only in LANGUAGES.items():
        ts = TRANSLATIONS / f"promptly_{language}.ts"
        command = [str(BIN / "pyside6-lupdate"), "-silent", "-locations", "none",
                   "-target-language", language, *sources, "-ts", str(ts.relative_to(ROOT))]
        if plural_only:
            command.insert(1, "-pluralonly")
        subprocess.run(command, cwd=ROOT, check=True)
        tree = ET.parse(ts)
        add_wrapped(tree.getroot(), wrapped, plural_only)
        carry_moved(tree.getroot())
        _write(tree, ts)
        subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
                       cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
