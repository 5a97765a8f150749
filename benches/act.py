#!/usr/bin/python3
"""Acts on acupress's window the way a screen-reader user does: by a control's accessible name.

    act.py click NAME     press the first control named NAME (waits up to 10 s for it)
    act.py click-all NAME press every control named NAME, in reading order (at least one); a
                          NAME ending in ":" matches names that start with it ("No:" presses
                          every "No: <question>" radio button of the safety questions); a NAME
                          ending in "*" matches the first control whose name starts with it
    act.py where NAME     print the screen position of the middle of the control named NAME
                          (for a pointer click where an action does not give focus, as for a
                          text field)
    act.py names          print every named control (role and name), for writing a script
    act.py find TEXT      wait up to 10 s for anything (a control or a text) whose name holds
                          TEXT; exit 0 when it shows, 1 when it does not

Needs an AT-SPI bus (see measure_app.sh) and python3-pyatspi. Used by measure_app.sh so that
the measurement follows the app's labels, not pixel positions that change with the layout.
"""

import sys
import time

import pyatspi


def app():
    desktop = pyatspi.Registry.getDesktop(0)
    for index in range(desktop.childCount):
        child = desktop.getChildAtIndex(index)
        if child is not None and "acupress" in (child.name or "").lower():
            return child
    return None


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    for index in range(node.childCount):
        yield from walk(node.getChildAtIndex(index), depth + 1)


def matches(node_name, name):
    if name.endswith(":"):
        return (node_name or "").startswith(name)
    if name.endswith("*"):
        return (node_name or "").startswith(name[:-1])
    return node_name == name


def actionable(name):
    root = app()
    if root is None:
        return []
    found = []
    for node in walk(root):
        if matches(node.name, name):
            try:
                node.queryAction()
            except NotImplementedError:
                continue
            found.append(node)
    return found


def press(node):
    action = node.queryAction()
    for index in range(action.nActions):
        if action.getName(index) in ("click", "press", "activate"):
            action.doAction(index)
            return
    if action.nActions:
        action.doAction(0)


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "names":
        root = app()
        for node in walk(root) if root else []:
            if node.name:
                print(f"{node.getRoleName()}\t{node.name}")
        return 0
    if len(sys.argv) == 3 and sys.argv[1] == "where":
        for node in actionable(sys.argv[2]) or []:
            box = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
            print(box.x + box.width // 2, box.y + box.height // 2)
            return 0
        print(f"act.py: no control named {sys.argv[2]!r}", file=sys.stderr)
        return 1
    if len(sys.argv) == 3 and sys.argv[1] == "find":
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            root = app()
            if root is not None and any(sys.argv[2] in (node.name or "") for node in walk(root)):
                return 0
            time.sleep(0.2)
        print(f"act.py: nothing named {sys.argv[2]!r} showed", file=sys.stderr)
        return 1
    if len(sys.argv) != 3 or sys.argv[1] not in ("click", "click-all"):
        print(__doc__, file=sys.stderr)
        return 2
    name = sys.argv[2]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        found = actionable(name)
        if found:
            for node in found if sys.argv[1] == "click-all" else found[:1]:
                press(node)
                time.sleep(0.1)
            return 0
        time.sleep(0.2)
    print(f"act.py: no control named {name!r}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
