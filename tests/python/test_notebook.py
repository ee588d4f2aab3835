"""Runs examples/notebooks/office_overview.ipynb headless and fails on any cell error.

The demo store is IRO_DEMO_DB when set; otherwise a fresh one is written with
iro.generate_sample_data into a temporary directory. The kernel is this interpreter (Debian's
python3 in CI) and imports the iro under test (IRO_PYTHON_DIR, see conftest.py).
"""

import asyncio
import datetime as dt
import json
import os
import pathlib
import sys

import pytest

import iro

NOTEBOOK = pathlib.Path(__file__).resolve().parents[2] / "examples" / "notebooks" / "office_overview.ipynb"
# The kernel must import the same iro as these tests (conftest.py put it first on sys.path).
PYTHON_DIR = pathlib.Path(iro.__file__).resolve().parent.parent

nbformat = pytest.importorskip("nbformat", reason="nbformat is needed to run the notebook")
nbclient = pytest.importorskip("nbclient", reason="nbclient is needed to run the notebook")
pytest.importorskip("ipykernel", reason="ipykernel is needed to run the notebook")


def test_notebook_is_stored_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.fixture
def demo_db(tmp_path):
    given = os.environ.get("IRO_DEMO_DB")
    if given:
        path = pathlib.Path(given)
        assert path.exists(), f"IRO_DEMO_DB={given} does not exist"
        return path
    path = tmp_path / "office.db"
    with iro.open(path) as office:
        iro.generate_sample_data(office, seed=42, today=dt.date.today())
    return path


@pytest.fixture
def kernel_env(tmp_path, monkeypatch):
    """A 'python3' kernelspec that runs this interpreter, and an environment importing the built iro."""
    spec_dir = tmp_path / "jupyter" / "kernels" / "python3"
    spec_dir.mkdir(parents=True)
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3 (iro tests)", "language": "python"}
    (spec_dir / "kernel.json").write_text(json.dumps(spec))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(PYTHON_DIR)] + [p for p in [os.environ.get("PYTHONPATH")] if p]))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")


def test_notebook_runs_headless_and_saves_the_chart(demo_db, kernel_env, tmp_path, monkeypatch):
    png = tmp_path / "partner_regions.png"
    monkeypatch.setenv("IRO_DEMO_DB", str(demo_db))
    monkeypatch.setenv("IRO_NOTEBOOK_PNG", str(png))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    # asyncio.run closes its event loop (the synchronous execute() leaves one open).
    asyncio.run(client.async_execute())  # raises CellExecutionError on the first failing cell
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not [o for o in cell.outputs if o.output_type == "error"]
    assert png.exists() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert f"iro {iro.__version__}" in printed
    assert f"saved {png}" in printed
