"""Writes holidays-cn.json: China's days off and adjusted working days, year by year, as the
`holidays` package on PyPI (python-holidays) gives them — the independent source that
cross-check.test.ts compares the calendar with, so that jest needs no Python.

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install 'holidays==0.109'
    /tmp/venv/bin/python calendar/cross-check/generate-holidays-fixture.py

Days off are the package's public holidays, its observed days (补假) and its substituted days
(调休) included; an adjusted working day is the weekend day a substituted day off was moved
from, which the package names in that day's label ("休息日（由 2026-01-04 调休）").
"""
import json
import re
from datetime import date
from pathlib import Path

import holidays

FIRST, LAST = 2004, 2099

def year_of(year: int) -> dict:
    days = holidays.China(years=year, language="zh_CN")
    off = {}
    workdays = {}
    for day, label in sorted(days.items()):
        off[day.isoformat()] = label
        for moved_from in re.findall(r"\d{4}-\d{2}-\d{2}", label):
            if date.fromisoformat(moved_from).weekday() >= 5:
                workdays[moved_from] = label
    return {"holidays": off, "workdays": workdays}

fixture = {
    "source": f"holidays {holidays.__version__} (PyPI), holidays.China, public category, zh_CN labels",
    "generatedBy": "calendar/cross-check/generate-holidays-fixture.py",
    "years": {str(y): year_of(y) for y in range(FIRST, LAST + 1)},
}
out = Path(__file__).with_name("holidays-cn.json")
out.write_text(json.dumps(fixture, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8")
print(f"wrote {out} from holidays {holidays.__version__}, {FIRST}-{LAST}")
