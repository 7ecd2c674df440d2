"""Run every benchmark in bench/ that exists, one after another, and stop at the first failure.

.venv/bin/python bench/run_all.py
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = ["scorecard_load.py", "benchmark_stats.py", "quarterly_pack.py", "hostile_uploads.py"]


def main() -> int:
    for name in BENCHES:
        script = HERE / name
        if not script.exists():
            print(f"-- {name}: not present, skipped")
            continue
        print(f"== {name}", flush=True)
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parent)
        if result.returncode:
            print(f"!! {name} failed with exit code {result.returncode}")
            return result.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
