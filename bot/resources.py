"""Locate data shipped with the package (templates, migrations, sample feed)."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def resource_dir(name: str) -> Traversable:
    """The packaged folder `name` (`templates` or `migrations`).

    In a wheel they live inside the `bot` package (hatchling force-include). In a source
    checkout run without installing (python -m bot from the repository) they sit beside it.
    """
    packaged = files("bot").joinpath(name)
    if packaged.is_dir():
        return packaged
    beside = files("bot").joinpath("..", name)
    if beside.is_dir():
        return beside
    raise FileNotFoundError(f"newsbot's {name}/ folder is missing from the installation")
