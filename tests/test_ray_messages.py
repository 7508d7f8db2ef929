"""What `--engine ray` says when it cannot run: one line, and the store left alone (no Ray needed for these)."""

from __future__ import annotations

import builtins
from pathlib import Path

import pytest
from click.testing import CliRunner

from store.errors import InputError, ModelMissing, StoreError
from store.extract.pipeline import Job
from store.extract.ray_engine import _explain, analyse_with_ray
from tui.cli import main


def test_address_without_the_ray_engine_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--store", str(tmp_path / "s.json"), "--address", "10.0.0.1:6379"])
    assert result.exit_code != 0 and "--address names a Ray cluster: use it with --engine ray" in result.output
    assert not (tmp_path / "s.json").exists()


def test_without_the_ray_extra_the_message_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_ray(name: str, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if name == "ray" or name.startswith("ray."):
            raise ImportError("No module named 'ray'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    with pytest.raises(InputError, match=r"Ray is not installed; install the Ray extra with `make install-ray`"):
        list(analyse_with_ray([Job("d1", "text", [], None)], "en_core_web_sm"))


def test_a_worker_without_the_model_or_the_project_is_explained() -> None:
    missing = _explain(RuntimeError("ray.exceptions.ActorDiedError: ... ModelMissing: no spaCy English model is installed"))
    assert isinstance(missing, ModelMissing) and "install backchannel and its model in the same environment on every node" in str(missing)
    other = _explain(RuntimeError("\nObjectStoreFullError: out of memory\nmore"))
    assert isinstance(other, StoreError) and "ObjectStoreFullError: out of memory" in str(other) and "store was not changed" in str(other)
