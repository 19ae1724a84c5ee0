"""The tests on real reports skip where ../shared/seeds is absent, but fail in CI, so green CI means they ran."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import conftest


@pytest.mark.parametrize("value", ["true", "1", "yes"])
def test_absent_seeds_fail_in_ci(value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conftest, "SEEDS", tmp_path / "no-seeds")
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="must run"):
        conftest.seed_path("002")


@pytest.mark.parametrize("value", [None, "", "false", "0"])
def test_absent_seeds_skip_elsewhere(value: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conftest, "SEEDS", tmp_path / "no-seeds")
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.skip.Exception, match="real reports not available"):
        conftest.seed_path("002")


def test_present_seeds_are_returned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conftest, "SEEDS", tmp_path)
    (tmp_path / conftest.SEED_FILES["002"]).write_text("x", encoding="utf-8")
    monkeypatch.setenv("CI", "true")
    assert conftest.seed_path("002") == tmp_path / conftest.SEED_FILES["002"]
