"One pytest test per notebook, run in quick mode through nbdev's own test runner (skip flags from pyproject's [tool.nbdev])."
import importlib.util, os
from pathlib import Path
import pytest
from nbdev.config import get_config
from nbdev.doclinks import nbglob
from nbdev.test import test_nb as run_nb   # aliased, so pytest does not collect nbdev's function as a test

cfg = get_config()
nbs_path = Path(cfg.nbs_path)
flags = cfg.tst_flags.split() if isinstance(cfg.tst_flags, str) else list(cfg.tst_flags or [])
force = os.environ.get('LXBOOK_FLAGS', '').split()
notebooks = sorted(p for p in nbglob(nbs_path, as_path=True) if not (p.parent/'.notest').exists())

@pytest.mark.parametrize('nb', notebooks, ids=[str(p.relative_to(nbs_path)) for p in notebooks])
def test_notebook(nb, monkeypatch):
    if nb.stem == '08_hf' and importlib.util.find_spec('transformers') is None:
        pytest.skip('08_hf needs transformers: pip install "lxbook[hf]"')
    monkeypatch.chdir(nb.parent)
    ok, _ = run_nb(nb, skip_flags=[f for f in flags if f not in force], force_flags=force,
                   basepath=cfg.config_path, cell_timeout=cfg.cell_timeout)
    assert ok, f'{nb.name} failed (traceback above)'
