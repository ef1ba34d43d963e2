"A training process SIGKILLed after a checkpoint resumes to exactly the uninterrupted run's result (the trainer's reliability contract, nbs/05_train.ipynb)."
import json, os, signal, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STEPS = 30

# The worker trains the ToyLM fixture (tests/toylm.py) with a checkpoint after every step. Its positions come from the *global*
# torch and NumPy RNGs, so the resumed run only matches if the checkpoint restored the RNG states too; the sleep
# in forward slows the run down so the test can kill it mid-way, and changes no number. A worker given a gate file
# starts (imports torch, builds an optimiser) and then waits for the gate before it trains, so the restarted process
# can start up while the first one runs: it still reads the checkpoint only after the kill.
WORKER = r'''
import json, sys, time
import numpy as np, torch
torch.set_num_threads(1)
from lxbook.core import set_seed
from lxbook.train import TrainConfig, train
from toylm import ToyLM

ckpt, out, nap, gate = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
torch.optim.AdamW([torch.zeros(1, requires_grad=True)])   # pays torch's one-off optimiser import before the gate
if gate != '-':
    import os
    while not os.path.exists(gate): time.sleep(0.02)

class SlowToyLM(ToyLM):
    def forward(self, *args, **kwargs):
        time.sleep(nap)
        return super().forward(*args, **kwargs)

def positions(step, x):   # random offsets from the global RNGs (restored on resume)
    off = torch.randint(0, 24, (x.shape[0], 1)) + int(np.random.randint(0, 24))
    return off + torch.arange(x.shape[1])

tokens = torch.randint(0, 256, (5000,), generator=torch.Generator().manual_seed(0)).to(torch.uint8)
cfg = TrainConfig(steps=%d, batch_size=8, seq_len=16, warmup=4, ckpt_every_s=0, log_every=0)
set_seed(cfg.seed)
model = SlowToyLM(d=16, max_len=64)
r = train(model, tokens, cfg, ckpt_path=None if ckpt == '-' else ckpt, positions_fn=positions, device='cpu')
json.dump(dict(losses=r.losses, grad_norms=r.grad_norms, resumed_from=r.resumed_from,
               params=[p.detach().flatten().tolist() for p in model.parameters()]), open(out, 'w'))
''' % STEPS

def start(script, ckpt, out, nap, gate='-'):
    env = dict(os.environ, OMP_NUM_THREADS='1', PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT/'tests'), os.environ.get('PYTHONPATH', '')]))
    env.pop('WORLD_SIZE', None); env.pop('RANK', None)
    return subprocess.Popen([sys.executable, str(script), str(ckpt), str(out), str(nap), str(gate)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

def finish(p, timeout=120):
    out, err = p.communicate(timeout=timeout)
    assert p.returncode == 0, err[-3000:]

def test_sigkill_then_resume_matches_uninterrupted(tmp_path):
    from lxbook.train import load_checkpoint
    script = tmp_path/'worker.py'; script.write_text(WORKER)
    ckpt, gate = tmp_path/'run.pt', tmp_path/'go'
    ref = start(script, '-', tmp_path/'ref.json', 0.0)              # uninterrupted, alongside the victim
    victim = start(script, ckpt, tmp_path/'victim.json', 0.08)      # ≈ 0.08 s per step
    resumed = start(script, ckpt, tmp_path/'resumed.json', 0.0, gate)   # the restart, waiting at its gate
    deadline = time.time() + 90
    while time.time() < deadline:                                   # kill once a checkpoint is 10 steps in
        if ckpt.exists() and load_checkpoint(ckpt)['step'] >= 10: break
        assert victim.poll() is None, f'worker ended before it was killed: {victim.communicate()[1][-3000:]}'
        time.sleep(0.05)
    else: raise AssertionError('no checkpoint within 90 s')
    victim.send_signal(signal.SIGKILL); victim.wait(timeout=30)
    assert victim.returncode == -signal.SIGKILL
    ck = load_checkpoint(ckpt)
    assert 10 <= ck['step'] < STEPS and not ck['done'], ck['step']  # killed mid-way, checkpoint intact

    gate.touch()                                                    # restart now
    finish(resumed); finish(ref)
    a, b = (json.loads((tmp_path/f).read_text()) for f in ('ref.json', 'resumed.json'))
    assert b['resumed_from'] == ck['step'] and a['resumed_from'] == 0
    assert len(b['losses']) == STEPS
    assert b['losses'] == a['losses']            # bit for bit: the checkpoint holds every piece of state
    assert b['grad_norms'] == a['grad_norms']
    assert b['params'] == a['params']
    assert not list(tmp_path.glob('.run.pt.*'))  # no temp file left by the finished run
