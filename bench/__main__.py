"""`python -m bench`: runs every benchmark and prints figures; the last line is one JSON object."""

from __future__ import annotations

import importlib
import json
import sys

# Each module defines run() -> dict of figures; it prints its own progress to stderr.
BENCHMARKS = (
    "bench.match", "bench.poll", "bench.bombs", "bench.extract", "bench.fanout",
    "bench.itinerary", "bench.multi",
)


def main(argv: list[str]) -> int:
    wanted = set(argv) or None
    figures: dict[str, object] = {}
    for name in BENCHMARKS:
        short = name.rsplit(".", 1)[1]
        if wanted and short not in wanted:
            continue
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        print(f"== {short}", file=sys.stderr, flush=True)
        result = module.run()
        for key, value in result.items():
            print(f"{key}: {value}", flush=True)
        figures.update(result)
    print(json.dumps(figures, sort_keys=True))
    return 0


raise SystemExit(main(sys.argv[1:]))
