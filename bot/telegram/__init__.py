"""The Telegram edge: PTB application, handlers, delivery, and a fake Bot API for tests and chat."""

import os

# PTB 22 warns on every RetryAfter unless durations are timedelta objects, the behaviour it will
# adopt next; our code reads both, so opt in once here rather than in every entry point.
os.environ.setdefault("PTB_TIMEDELTA", "true")
