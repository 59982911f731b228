"""Reads project files with MPXJ (the reader MS Project, ProjectLibre and
many other tools' importers are built on) and prints, as JSON keyed by
path, what it read: tasks (UID, name, parent, duration in minutes, start,
finish), links (type and lag in minutes), resources and assignments.

Usage: python3 read.py FILE...   (needs the PyPI packages mpxj and jpype1,
and a Java runtime)."""

import json
import sys

import jpype
import mpxj  # noqa: F401  (puts MPXJ's jars on the class path)

jpype.startJVM()
from org.mpxj import TimeUnit  # noqa: E402
from org.mpxj.reader import UniversalProjectReader  # noqa: E402

ELAPSED = {"ELAPSED_MINUTES", "ELAPSED_HOURS", "ELAPSED_DAYS", "ELAPSED_WEEKS", "ELAPSED_MONTHS", "ELAPSED_YEARS"}


def minutes(duration, props):
    if duration is None:
        return None
    unit = TimeUnit.ELAPSED_MINUTES if str(duration.getUnits()) in ELAPSED else TimeUnit.MINUTES
    return round(float(duration.convertUnits(unit, props).getDuration()))


def when(value):
    return None if value is None else str(value)[:19]


def read(path):
    project = UniversalProjectReader().read(path)
    props = project.getProjectProperties()
    tasks, links, assignments = [], [], []
    for t in project.getTasks():
        uid = t.getUniqueID()
        if uid is None or int(uid) == 0:
            continue  # the project summary task
        parent = t.getParentTask()
        parent_uid = None if parent is None or int(parent.getUniqueID()) == 0 else int(parent.getUniqueID())
        tasks.append({
            "uid": int(uid),
            "name": str(t.getName() or ""),
            "parent": parent_uid,
            "summary": bool(t.getSummary()),
            "milestone": bool(t.getMilestone()),
            "durationMinutes": minutes(t.getDuration(), props),
            "start": when(t.getStart()),
            "finish": when(t.getFinish()),
        })
        for r in t.getPredecessors() or []:
            links.append({
                "predecessor": int(r.getPredecessorTask().getUniqueID()),
                "successor": int(uid),
                "type": str(r.getType()),
                "lagMinutes": minutes(r.getLag(), props) or 0,
            })
    for a in project.getResourceAssignments():
        resource, task = a.getResource(), a.getTask()
        if resource is None or task is None:
            continue
        assignments.append({
            "task": int(task.getUniqueID()),
            "resource": str(resource.getName() or ""),
            "units": round(float(a.getUnits() or 0)),
        })
    resources = [str(r.getName()) for r in project.getResources() if r.getName() is not None]
    return {"tasks": tasks, "links": links, "assignments": assignments, "resources": resources}


out = {}
for path in sys.argv[1:]:
    try:
        out[path] = read(path)
    except Exception as e:  # a file MPXJ cannot read is reported, not skipped
        out[path] = {"error": str(e)}
print(json.dumps(out))
jpype.shutdownJVM()
