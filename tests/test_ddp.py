"`train` under `torchrun --nproc_per_node 2` (gloo, CPU) equals the single-process run with the same global batch."
import json, os, subprocess, sys
from pathlib import Path
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
STEPS = 15

# Each rank takes rows rank::2 of the global batch (and of the (B, T) positions), DDP averages the gradients, so
# the 2-process run follows the 1-process one up to float summation order. Every rank writes what it ended with.
WORKER = r'''
import json, sys, torch
torch.set_num_threads(1)
from lxbook.core import set_seed
from lxbook.train import TrainConfig, train, dist_env
from toylm import ToyLM

out, ckpt = sys.argv[1], sys.argv[2]

def positions(step, x):   # (B, T) random offsets, a function of the step
    g = torch.Generator().manual_seed(1000 + step)
    return torch.randint(0, 48, (x.shape[0], 1), generator=g) + torch.arange(x.shape[1])

tokens = torch.randint(0, 256, (5000,), generator=torch.Generator().manual_seed(0)).to(torch.uint8)
cfg = TrainConfig(steps=%d, batch_size=8, seq_len=16, warmup=3, ckpt_every_s=0, log_every=0)
set_seed(cfg.seed)
model = ToyLM(d=16, max_len=64)
r = train(model, tokens, cfg, ckpt_path=ckpt, positions_fn=positions, device='cpu')
rank, world, _ = dist_env()
json.dump(dict(world=world, losses=r.losses, grad_norms=r.grad_norms,
               params=[p.detach().flatten().tolist() for p in model.parameters()]), open(f'{out}.{rank}.json', 'w'))
''' % STEPS

def start(args, tmp_path):
    env = dict(os.environ, OMP_NUM_THREADS='1', PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT/'tests'), os.environ.get('PYTHONPATH', '')]))
    for k in ('WORLD_SIZE', 'RANK', 'LOCAL_RANK', 'MASTER_ADDR', 'MASTER_PORT'): env.pop(k, None)
    return subprocess.Popen([sys.executable, *args], env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

def finish(p, timeout=120):
    out, _ = p.communicate(timeout=timeout)
    assert p.returncode == 0, out[-4000:]

def flat(d): return np.concatenate([np.asarray(p) for p in d['params']])

def test_two_process_ddp_matches_single_process(tmp_path):
    script = tmp_path/'worker.py'; script.write_text(WORKER)
    ddp = start(['-m', 'torch.distributed.run', '--standalone', '--nproc_per_node', '2', str(script), 'ddp', str(tmp_path/'ddp.pt')], tmp_path)
    single = start([str(script), 'single', str(tmp_path/'single.pt')], tmp_path)   # concurrently: startup dominates
    finish(single); finish(ddp)
    one = json.loads((tmp_path/'single.0.json').read_text())
    r0, r1 = (json.loads((tmp_path/f'ddp.{r}.json').read_text()) for r in (0, 1))
    assert (one['world'], r0['world'], r1['world']) == (1, 2, 2)
    assert r0['losses'] == r1['losses'] and r0['params'] == r1['params']   # ranks agree exactly (DDP keeps them in sync)
    assert len(r0['losses']) == STEPS
    np.testing.assert_allclose(r0['losses'], one['losses'], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(r0['grad_norms'], one['grad_norms'], rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(flat(r0), flat(one), rtol=1e-5, atol=1e-6)
    assert (tmp_path/'ddp.pt').exists() and not list(tmp_path.glob('.ddp.pt.*'))   # rank 0 wrote the final checkpoint
