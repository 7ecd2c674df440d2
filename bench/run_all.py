"""Run every benchmark in bench/ that exists, one after another, and stop at the first failure.

pack_jobs.py exits with status 2 when the background jobs app is not installed: that is reported
and skipped, not a failure.

.venv/bin/python bench/run_all.py
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = [
    ["scorecard_load.py"],
    ["scorecard_load.py", "--server", "gunicorn"],
    ["import_tidy.py"],
    ["benchmark_stats.py"],
    ["quarterly_pack.py"],
    ["pack_jobs.py"],
    ["hostile_uploads.py"],
]
ABSENT = {"pack_jobs.py": 2}  # exit status meaning "what it measures is not installed here"


def main() -> int:
    for name, *options in BENCHES:
        script = HERE / name
        if not script.exists():
            print(f"-- {name}: not present, skipped")
            continue
        print(f"== {' '.join([name, *options])}", flush=True)
        result = subprocess.run([sys.executable, str(script), *options], cwd=HERE.parent)
        if result.returncode and result.returncode == ABSENT.get(name):
            print(f"-- {name}: skipped (see its message)")
            continue
        if result.returncode:
            print(f"!! {name} failed with exit code {result.returncode}")
            return result.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
