"""GPU checks for the harness: run on a machine with CUDA, never in CI.

    python tests/gpu/check_gpu.py [--out DIR] [--steps 200]

1. every attention fast path == the dense reference on the device, fp32 and bf16 (max abs error per spec);
2. times of the fast vs reference path at T=2048, and of the sparse-window implementations (flex, blocks, dense SDPA);
3. a few hundred training steps of the `gpu()` preset (tokens/s) and `lxbook bench` harness ratios.
Writes gpu_check.json to --out. On a CPU-only box it runs a tiny dry run (LXBOOK_DEVICE=cpu) to prove the script works.
"""
import argparse, itertools, json, os, sys, time
from dataclasses import replace
from pathlib import Path
import torch
import torch.nn.functional as F

from lxbook.core import DEVICE, set_seed, time_fn, autocast_ctx
from lxbook.attention import Attention, AttnSpec, POS_SCHEMES, SCORES, LOGN, MASKS
from lxbook.kernels import SPARSE_IMPLS, HAS_FLEX, Plan, attend
from lxbook.extrapolation import ExtrapolationConfig, train_model
from lxbook.bench import bench_harness

def specs(T):
    for pos, score, logn, mask in itertools.product(POS_SCHEMES, SCORES, LOGN, MASKS):
        kw = dict(pos=pos, score=score, logn=logn, mask=mask, train_len=max(2, T // 4))
        if pos in ('rerope', 'leaky_rerope'): kw.update(rerope_window=T // 8)
        if pos == 'leaky_rerope': kw.update(leaky_k=16.)
        if mask == 'window': kw.update(window=T // 4)
        if pos in ('rerope', 'leaky_rerope') and mask == 'bidirectional': continue
        try: yield AttnSpec(**kw)
        except ValueError: continue

def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--out', default='.'); ap.add_argument('--steps', type=int, default=200)
    a = ap.parse_args()
    cuda = DEVICE.type == 'cuda'
    T, C, H = (2048, 512, 8) if cuda else (64, 32, 2)
    out = dict(device=str(DEVICE), torch=torch.__version__, gpu=torch.cuda.get_device_name() if cuda else None, checks=[])
    set_seed(0)
    x32 = torch.randn(2, T, C, device=DEVICE)
    worst = {}
    for spec in specs(T):
        attn = Attention(C, H, spec).to(DEVICE).eval()
        row = dict(spec=f'{spec.pos}/{spec.score}/{spec.logn}/{spec.mask}')
        with torch.no_grad():
            ref64 = attn.double()(x32.double(), fast=False).float(); attn.float()
            row['fp32_err'] = (attn(x32, fast=True) - ref64).abs().max().item()
            with autocast_ctx(DEVICE):
                row['bf16_err'] = (attn(x32, fast=True).float() - ref64).abs().max().item()
            if cuda or spec.mask == 'causal':
                row['fast_s'] = time_fn(lambda: attn(x32, fast=True), repeat=3)
                row['ref_s'] = time_fn(lambda: attn(x32, fast=False), repeat=3)
        out['checks'].append(row); print(row, flush=True)
    # sparse windows: flex (the CUDA default) vs blocks vs one dense masked SDPA call, forward + backward
    ws = AttnSpec(mask='window', window=T // 8, sinks=4)
    wm = MASKS['window'](torch.arange(T, device=DEVICE), torch.arange(T, device=DEVICE), ws)
    q, k, v = (torch.randn(2, H, T, C // H, device=DEVICE, requires_grad=True) for _ in range(3))
    scale = (C // H) ** -0.5  # SDPA's default
    def fwd_bwd(impl):
        if not cuda and impl == 'flex': return attend(q.detach(), k.detach(), v.detach(), Plan(impl), scale, wm)  # no CPU backward
        o = F.scaled_dot_product_attention(q, k, v, attn_mask=wm) if impl == 'dense' else attend(q, k, v, Plan(impl), scale, wm)
        o.sum().backward(); return o
    with torch.no_grad(): dense = F.scaled_dot_product_attention(q, k, v, attn_mask=wm)
    out['sparse'] = {}
    for impl in [i for i in SPARSE_IMPLS if i != 'flex' or HAS_FLEX] + ['dense']:
        err = (fwd_bwd(impl).detach() - dense).abs().max().item()
        out['sparse'][impl] = dict(err=err, s=time_fn(lambda: fwd_bwd(impl), repeat=3 if cuda else 1))
    print('sparse window', out['sparse'], flush=True)
    out['max_fp32_err'] = max(r['fp32_err'] for r in out['checks'])
    out['max_bf16_err'] = max(r['bf16_err'] for r in out['checks'])
    cfg = ExtrapolationConfig.gpu() if cuda else ExtrapolationConfig.quick()
    cfg = replace(cfg, train=replace(cfg.train, steps=a.steps if cuda else 10, warmup=min(cfg.train.warmup, 5), log_every=50))
    t0 = time.time(); model, r = train_model(cfg, seed=0)
    out['train'] = dict(steps=r.steps, tokens_per_s=r.tokens_per_s, final_loss=r.losses[-1], wall_s=time.time() - t0)
    out['bench'] = [r.asdict() for r in bench_harness(None if cuda else ExtrapolationConfig.quick(), repeat=3 if cuda else 1)]
    print(json.dumps({k: v for k, v in out.items() if k != 'checks'}, indent=1))
    Path(a.out).mkdir(parents=True, exist_ok=True)
    (Path(a.out)/'gpu_check.json').write_text(json.dumps(out, indent=1))
    ok = out['max_fp32_err'] < 1e-4 and out['max_bf16_err'] < 5e-2 and all(r['err'] < 1e-4 for r in out['sparse'].values())
    print('OK' if ok else 'MISMATCH'); return 0 if ok else 1

if __name__ == '__main__': sys.exit(main())
