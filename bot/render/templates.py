"""The Jinja2 environment: a newsroom's TEMPLATES_DIR first, then the shipped templates."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib.resources.abc import Traversable
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
)
from jinja2.loaders import split_template_path

from bot.render.html import RenderError
from bot.render.trim import hashtag, trim_words
from bot.resources import resource_dir

# --- templates ------------------------------------------------------------------------


class TraversableLoader(BaseLoader):
    """Loads templates from an importlib.resources folder (the shipped `templates/`)."""

    def __init__(self, root: Traversable) -> None:
        self.root = root

    def _find(self, template: str) -> Traversable:
        # split_template_path raises TemplateNotFound for "..", so names stay inside root.
        node = self.root
        for piece in split_template_path(template):
            if "\\" in piece or ":" in piece:
                raise TemplateNotFound(template)
            node = node.joinpath(piece)
        if not node.is_file():
            raise TemplateNotFound(template)
        return node

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        node = self._find(template)
        return node.read_text("utf-8"), str(node), lambda: True

    def list_templates(self) -> list[str]:
        def walk(node: Traversable, prefix: str) -> Iterator[str]:
            for child in node.iterdir():
                if child.is_dir():
                    yield from walk(child, f"{prefix}{child.name}/")
                elif child.is_file():
                    yield prefix + child.name

        return sorted(walk(self.root, ""))


def make_environment(templates_dir: Path | None = None) -> Environment:
    """The Jinja2 environment: `templates_dir` (a newsroom's overrides) first, then ours."""
    loaders: list[BaseLoader] = []
    if templates_dir is not None:
        if not Path(templates_dir).is_dir():
            raise RenderError(f"TEMPLATES_DIR {templates_dir} is not a folder")
        loaders.append(FileSystemLoader(str(templates_dir), encoding="utf-8"))
    loaders.append(TraversableLoader(resource_dir("templates")))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["trim_words"] = trim_words
    env.filters["hashtag"] = hashtag
    return env
