"""Shared fixtures. The whole suite runs with outside network connections blocked."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "data" / "raw" / "seeds"


class NetworkBlocked(RuntimeError):
    pass


def _is_local(address) -> bool:
    if isinstance(address, (str, bytes)):  # AF_UNIX
        return True
    host = address[0] if address else ""
    return host in ("localhost", "::1") or str(host).startswith("127.")


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Fail any connection to a non-loopback address: the package must work offline."""
    real_connect = socket.socket.connect

    def guarded_connect(self, address):
        if not _is_local(address):
            raise NetworkBlocked(f"network access attempted: {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)  # create_connection uses it too
    yield


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared (evaluation data) is not beside the checkout")
    return SHARED


@pytest.fixture
def agg():
    """matplotlib on its Agg backend (no screen), every figure closed after the test:
    ``pytestmark = pytest.mark.usefixtures("agg")`` in a module that draws."""
    import matplotlib
    import matplotlib.pyplot as plt

    matplotlib.use("Agg", force=True)
    yield
    plt.close("all")


@pytest.fixture(scope="session")
def seeds():
    """The corpus read from the raw seed files (not the saved one)."""
    import discourse

    return discourse.read(SEEDS)


def pytest_configure(config):
    """Caches (tokens, jieba's dictionary) go to a fresh folder, never the user's."""
    import os
    import tempfile

    os.environ.setdefault("DISCOURSE_CACHE_DIR", tempfile.mkdtemp(prefix="discourse-test-cache-"))
