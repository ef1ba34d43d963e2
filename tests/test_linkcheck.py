"tools/linkcheck.py on a small made-up site: what it accepts and each kind of problem it reports."
import importlib.util, json
from pathlib import Path
import pytest

spec = importlib.util.spec_from_file_location('linkcheck', Path(__file__).parent.parent/'tools'/'linkcheck.py')
lc = importlib.util.module_from_spec(spec); spec.loader.exec_module(lc)

def test_pandoc_ids():
    assert [lc.pandoc_id(h) for h in ('get_device', 'Grid.run', 'The `Attention` module', '2. Run modes & results',
                                      'Ünïcode ok', '[link](x.html) text {.unnumbered}')] == \
           ['get_device', 'grid.run', 'the-attention-module', 'run-modes-results', 'ünïcode-ok', 'link-text']

def nb(*cells, out='a.html'):
    fm = dict(cell_type='raw', source=[f'---\noutput-file: {out}\ntitle: A\n---\n'], metadata={})
    return json.dumps(dict(cells=[fm, *cells], metadata={}, nbformat=4, nbformat_minor=5))

def md(s): return dict(cell_type='markdown', source=[s], metadata={})

@pytest.fixture
def site(tmp_path, monkeypatch):
    (tmp_path/'nbs').mkdir(); (tmp_path/'_proc').mkdir()
    (tmp_path/'pyproject.toml').write_text('[project]\nname = "x"\nurls = {Repository = "https://github.com/o/x"}\n'
                                           '[tool.nbdev]\nbranch = "main"\n')
    (tmp_path/'nbs'/'nbdev.yml').write_text('website:\n  site-url: "https://o.github.io/x"\n')
    (tmp_path/'nbs'/'sidebar.yml').write_text('website:\n  sidebar:\n    contents:\n      - index.ipynb\n'
                                              '      - section: Lib\n        contents: "0*.ipynb"\n')
    (tmp_path/'README.md').write_text('# x\n\n## Install\n\nSee [install](#install) and [core](https://o.github.io/x/core.html#f).\n')
    (tmp_path/'src.py').write_text('a\nb\n')
    (tmp_path/'_proc'/'index.ipynb').write_text(nb(md('# Home\n\n[core](00_core.ipynb#f), [f](core.html#f), [top](#home), '
                                                     '[src](https://github.com/o/x/blob/main/src.py#L2), [far](https://example.org/p)'),
                                                  out='index.html'))
    (tmp_path/'_proc'/'00_core.ipynb').write_text(nb(md('### f\n\ntext'), out='core.html'))
    for name in ('root', 'nbs', 'proc'): monkeypatch.setattr(lc, name, tmp_path/('' if name == 'root' else '_proc' if name == 'proc' else 'nbs'))
    monkeypatch.setattr(lc, 'repo_files', lambda: {'README.md', 'src.py', 'pyproject.toml'})
    return tmp_path

def check():
    c = lc.Checker(); c.check_pages(); c.check_readme(); c.check_sidebar()
    return c

def test_a_clean_site_passes(site):
    c = check()
    assert c.problems == [] and c.counts == dict(internal=4, site=1, repo=1, external=1)

def test_each_problem_is_reported(site):
    (site/'_proc'/'01_bad.ipynb').write_text(nb(md('[a](00_core.ipynb#nope) [b](missing.ipynb) [c](../../etc/passwd) '
        '[d](https://o.github.io/x/nope.html) [e](https://github.com/o/x/blob/main/src.py#L9) see `DESIGN.md` and '
        '`../shared/data.md`'), out='bad.html'))
    (site/'nbs'/'sidebar.yml').write_text('website:\n  sidebar:\n    contents:\n      - index.ipynb\n'
                                          '      - section: Lib\n        contents: "0*.ipynb"\n'
                                          '      - section: Benchmarks\n        contents: "2*.ipynb"\n')
    got = '\n'.join(check().problems)
    for want in ('00_core.ipynb#nope: no anchor #nope', 'missing.ipynb: no such page', '../../etc/passwd: points outside',
                 'nope.html: no page nope.html', 'src.py has fewer than 9 lines', 'DESIGN.md: refers to a file the repository',
                 '../shared/data.md: refers to a path outside', "'2*.ipynb' matches no page"):
        assert want in got, want
