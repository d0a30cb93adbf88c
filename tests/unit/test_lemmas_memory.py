"""The lemmatizer's dictionaries stay small once loaded: simplemma's are read from their
compressed streams (`LOW_MEMORY`), where unpacked dicts took some 260 MB for Ukrainian and
Russian, more than the rest of the bot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
from pathlib import Path
from bot.text.lemmas import lemmas
assert lemmas("Ракети влучили в порт Одеси") == ["ракета", "влучити", "в", "порт", "одеса"]
assert lemmas("Ракеты попали в порт Одессы") == ["ракета", "попасть", "в", "порт", "одесса"]
assert lemmas("Missiles hit the port") == ["missile", "hit", "the", "port"]
status = Path("/proc/self/status").read_text().splitlines()
print(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
"""


def test_ukrainian_russian_and_english_dictionaries_take_little_memory() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, check=True
    )
    # the process's own peak (VmHWM), not getrusage's, which keeps the parent's across exec
    peak_mb = int(out.stdout.strip()) // 1024
    assert peak_mb < 180, f"peak RSS {peak_mb} MB after lemmatizing three languages"
