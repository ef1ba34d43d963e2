"""The bad-input audit (issue 21): every public function refuses a bad argument with a `ValueError`/`TypeError` that
names it, or the outcome is torch's own behaviour, listed with its reason (NaN in → NaN out; an empty batch's mean → NaN,
as `F.cross_entropy`).

The cases come from one table of (callable, good arguments, argument → bad values); each case is the good call with one
argument replaced. Every outcome is classified:

- clear:   a ValueError or TypeError whose message names the argument (word-bounded; `N(value, 'name')` says which
           other word the message must contain, e.g. 'dim' for an odd head dim passed as x),
- torch:   listed below as torch's own behaviour (`Torch(value, reason)`), and the output is what the reason says,
- obscure: any other exception, or a ValueError/TypeError that does not name the argument,
- silent:  a result where an error was due.

`python tests/test_bad_inputs.py` prints the audit table and every case that is not clear or torch.
"""
import atexit, contextlib, importlib.util, math, os, re, shutil, tempfile, warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch
import torch.nn as nn

torch.set_num_threads(1)

_TMP = Path(tempfile.mkdtemp(prefix='lxbook_bad_inputs_'))
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)

_MODULES = ('core repro data positions kernels attention model train extrapolation bench tvd emo hubness attention_rnn '
            'position_robustness global_extrapolation extrapolation_benchmark').split()
(core, repro, data, positions, kernels, attention, model, train, extrapolation, bench, tvd, emo, hubness, attention_rnn,
 position_robustness, global_extrapolation, extrapolation_benchmark) = (importlib.import_module(f'lxbook.{m}')
                                                                        for m in _MODULES)   # lxbook.train is a function
from lxbook.attention import AttnSpec, Attention, KVCache
from lxbook.model import GPT, GPTConfig
from lxbook.train import TrainConfig
from lxbook.extrapolation import InferenceMethod, ExtrapolationConfig

HAS_HF = importlib.util.find_spec('transformers') is not None

NAN, INF = float('nan'), float('inf')

# ---------------------------------------------------------------------------------------------------------------------
# the table's vocabulary

@dataclass
class N:
    "A bad value whose error message must name `names` (one of them) rather than the argument itself."
    value: object
    names: tuple
    def __init__(self, value, *names): self.value, self.names = value, names

@dataclass
class Torch:
    "A bad value whose outcome is torch's own behaviour: `why` says which, `ok(result)` checks it."
    value: object
    why: str
    ok: object = None

def all_nan(r): return isinstance(r, torch.Tensor) and bool(torch.isnan(r).all())
def any_nan(r): return isinstance(r, torch.Tensor) and bool(torch.isnan(r).any())
NAN_IN = 'NaN in → NaN out'
EMPTY = "empty batch → NaN, as F.cross_entropy's mean over no targets"
IGNORED = "every target ignored → NaN, as F.cross_entropy's mean over no targets"

@dataclass
class Row:
    label: str            # module.name of the public callable
    fn: object            # fn(**kwargs)
    good: object          # the good kwargs: a dict, or a function returning a fresh one
    bad: dict             # argument -> list of bad values (plain, `N` or `Torch`)

ROWS: list = []
def R(label, fn, good, /, **bad): ROWS.append(Row(label, fn, good, bad))

def enter(cm):
    "Call a context manager's body with nothing in it (its argument checks run on entry)."
    with cm: return None

def _t(*shape, dtype=torch.float32, seed=0): return torch.randn(*shape, generator=torch.Generator().manual_seed(seed)).to(dtype)
def _ids(*shape, hi=256, seed=0): return torch.randint(0, hi, shape, generator=torch.Generator().manual_seed(seed))
def _nan(*shape): t = _t(*shape); t.view(-1)[0] = NAN; return t
def noop(): return None

# fixtures (tiny; built once)
TOKENS = _ids(400).to(torch.uint8)
DOC = 'to be or not to be that is the question ' * 8
TINY = GPTConfig(vocab_size=256, n_layers=1, d_model=16, n_heads=2)
def gpt(cfg=TINY): torch.manual_seed(0); return GPT(cfg).eval()
GPT1 = gpt()
TCFG = TrainConfig(steps=1, batch_size=2, seq_len=8, warmup=0, log_every=0)
XCFG = ExtrapolationConfig(model=TINY, train=TrainConfig(steps=1, batch_size=2, seq_len=8, warmup=0), factors=(1, 2),
                           eval_tokens=64, copy_windows=2, passkey_windows=2)
FIXTURE = data.corpus_fixture('shakespeare', _TMP/'corpora', n_docs=10, words=60)
GOOD_RESULTS = dict(notebook='x', post_id='1', claim_ids=[], config={}, metrics=[], verdicts={}, torch='2', device='cpu',
                    git_commit=None, started='2024-01-01T00:00:00+00:00', wall_s=1.0, mode='quick')
DIR = _TMP/'a_folder'; DIR.mkdir()
CHECK = repro.Check(True, 'ok')
Q4, K4, V4 = _t(1, 2, 6, 8, seed=1), _t(1, 2, 6, 8, seed=2), _t(1, 2, 6, 8, seed=3)
ANG = positions.rope_angles(torch.arange(4), 8)
E8 = _t(8, 4, seed=4)
P8 = torch.softmax(_t(3, 8, seed=5), -1)
Z32 = _t(32, 3, seed=6)

# ---------------------------------------------------------------------------------------------------------------------
# core
R('core.get_device', core.get_device, dict(name='cpu'),
  name=['tpu', 'cuda:x', 3.5, *(['cuda'] if not torch.cuda.is_available() else []),
        *(['mps'] if not (getattr(torch.backends, 'mps', None) and torch.backends.mps.is_available()) else [])])
R('core.set_seed', core.set_seed, dict(seed=0), seed=[-1, 2**64, 1.5, True, '3', None])
R('core.set_run_mode', core.set_run_mode, dict(mode='quick'), mode=['fast', None, 1])
R('core.Presets.preset', TrainConfig.preset, dict(mode='quick'), mode=['fast', 3])
R('core.atomic_write_text', core.atomic_write_text, dict(path=_TMP/'a.txt', text='hi'),
  text=[b'hi', None, 3], path=[DIR, None])
R('core.torch_threads', lambda **kw: enter(core.torch_threads(**kw)), dict(n=1), n=[0, -1, 1.5, '2', True])
R('core.time_fn', core.time_fn, dict(f=noop, repeat=1, warmup=0), f=[None, 3], repeat=[0, -1, 1.5], warmup=[-1, 1.5])
R('core.time_interleaved', core.time_interleaved, dict(fns={'a': noop}, repeat=1, warmup=0),
  fns=[[noop], {'a': 3}, None], repeat=[0, True], warmup=[-1])
R('core.bench_rows', core.bench_rows, dict(fns={'a': noop, 'b': noop}, rows={'r': ('a', 'b', 'info')}, repeat=1, warmup=0),
  rows=[{'r': ('a', 'c', 'info')}, {'r': ('a',)}, [('a', 'b', 'info')]], repeat=[0])
R('core.benchmark', core.benchmark, dict(name='ok_name'), name=['Bad Name', 3, ''])
R('core.optional_import', core.optional_import, dict(module='json', extra='x'), module=['', 3, None])

# repro
R('repro.get_post', repro.get_post, dict(name='tvd'), name=[N('nope', 'post'), N(3, 'post'), N(None, 'post')])
R('repro.Verdict', repro.Verdict, dict(label=repro.REPRODUCED), label=['Great', None])
R('repro.Sample', repro.Sample, dict(values=(1., 2.)), values=[(), 'abc', (1, NAN), (1, INF), None], seeds=[(1,), 3])
R('repro.diff', repro.diff, dict(a=repro.Sample((1., 2.)), b=repro.Sample((0., 1.))), a=[(1, 2), 'x'], b=[None],
  paired=[N(True, 'seeds')])
R('repro.beats', repro.beats, dict(a=1., b=0.), a=[N(NAN, 'values'), N('x', 'values')], margin=[NAN, 'x', None])
R('repro.ties', repro.ties, dict(a=1., b=1., tol=0.1), tol=[-1, NAN, 'x'])
R('repro.above', repro.above, dict(a=1., x=0.), x=[NAN, None])
R('repro.below', repro.below, dict(a=1., x=2.), x=[NAN, 'x'])
R('repro.ladder', repro.ladder, dict(checks=[CHECK], partial=1), checks=[[], None], partial=[0, -1, 1.5])
R('repro.all_of', lambda checks: repro.all_of(*checks), dict(checks=[CHECK]), checks=[[], [True], ['x']])
R('repro.as_verdict', repro.as_verdict, dict(r=CHECK), r=[N(3, 'rule'), N([], 'rule'), N(None, 'rule')])
R('repro.Claim', repro.Claim, dict(id='C1', statement='s', rule=lambda ev: CHECK), rule=[3], needs=[(3,)], post=[3, 'x'])
R('repro.Evidence', repro.Evidence, dict(samples={'a': 1.}), samples=[N({'a': NAN}, 'values'), [1, 2], None],
  source=['mine'])
R('repro.results_dir', repro.results_dir, dict(mode='quick'), mode=['fast', 3])
R('repro.results_path', repro.results_path, dict(notebook='12_tvd', mode='quick'), notebook=['', None, 'a/b', 3])
R('repro.validate_results', repro.validate_results, dict(d=GOOD_RESULTS),
  d=[N([], 'JSON object'), N({}, 'missing keys'), N(GOOD_RESULTS | dict(metrics='x'), 'metrics'),
     N(GOOD_RESULTS | dict(metrics=[{'method': 1}]), 'metrics'),
     N(GOOD_RESULTS | dict(verdicts={'C1': {'label': 'Great'}}), 'verdict'), N(GOOD_RESULTS | dict(mode='fast'), 'mode')])
R('repro.save_results', lambda **kw: repro.save_results('x_nb', **kw),
  dict(post_id='1', config={}, metrics=[], path=_TMP/'r.json', mode='quick'),
  metrics=[[{'x': 1}], None, 3], verdicts=[N({'C1': 'yes'}, 'verdict'), 3], mode=['fast'], path=[DIR])
R('repro.load_results', repro.load_results, dict(notebook='12_tvd', mode='quick', missing_ok=True),
  mode=['fast'], path=[N(DIR, 'folder')])
R('repro.Grid', lambda **kw: repro.Grid('x_nb', '1', {}, **kw), dict(path=_TMP/'g.json', mode='quick'),
  path=[N(DIR, 'folder')], mode=['fast', 3])
R('repro.Grid.run', lambda **kw: repro.Grid('x_nb', '1', {}, path=_TMP/'g2.json', mode='quick').run(**kw),
  dict(cells=[(1,)], fn=lambda c: [dict(method='m', seed=0, metric='x', value=c)]),
  cells=[3, None], fn=[3], max_cells=[-1, 1.5])
R('repro.reproduction', repro.reproduction, dict(name='tvd'), name=[N('nope', 'reproduction'), N(None, 'reproduction')])
R('repro.md_table', repro.md_table, dict(df=pd.DataFrame({'a': [1.5]})), df=[3, None], floatfmt=['q', 3])
R('repro.verdict_table', repro.verdict_table, dict(results={'verdicts': {}}),
  results=[N({'verdicts': {'C1': 'x'}}, 'verdict'), 3])

# data
R('data.fetch_corpus', data.fetch_corpus, dict(name='shakespeare', root=FIXTURE), name=[N('nope', 'corpus'), N(3, 'corpus')])
R('data.load_corpus', data.load_corpus, dict(name='shakespeare', root=FIXTURE), name=[N('nope', 'corpus')])
R('data.split_of', data.split_of, dict(i=0), i=['a', -1, 1.5, None])
R('data.Corpus', data.Corpus, dict(name='x', docs={'a': 'text'}), docs=[{}, ['a'], None, {'a': 3}])
R('data.Corpus.titles', lambda split: data.Corpus('x', {'a': 't'}).titles(split), dict(split='train'), split=['dev', None])
R('data.corpus_fixture', data.corpus_fixture, dict(root=_TMP/'fx', n_docs=2, words=5),
  name=[N('nope', 'corpus')], n_docs=[0, 1.5], words=[0, 2.5], vocab=[(), None])
R('data.ByteTokenizer.encode', data.ByteTokenizer.encode, dict(text='ab'), text=[b'ab', None, 3])
R('data.ByteTokenizer.decode', data.ByteTokenizer.decode, dict(ids=[97]),
  ids=[[300], [-1], [1.5], torch.tensor([97.]), ['a'], None])
R('data.WindowSampler', data.WindowSampler, dict(tokens=TOKENS, seq_len=4, batch_size=2),
  tokens=[TOKENS.float(), TOKENS.view(20, 20), list(range(20)), N(TOKENS[:3], 'token stream')],
  seq_len=[0, 1.5, -1], batch_size=[0, True], seed=[-1, 1.5])
R('data.WindowSampler.batch', lambda step: data.WindowSampler(TOKENS, 4, 2).batch(step), dict(step=0),
  step=[-1, 1.5, None])
R('data.copy_windows', data.copy_windows, dict(n=2, length=8, period=3),
  n=[0, 1.5], length=[0, -3], period=[0, (5, 2), (1, 99), 'a', 2.5], seed=[-1])
R('data.CopyMixSampler', data.CopyMixSampler, dict(tokens=TOKENS, seq_len=16, batch_size=4, copy_frac=0.25, periods=(2, 4)),
  copy_frac=[0.3, NAN, -0.25, 2, '0.25'], periods=[(0, 4), (4, 2), (2, 99)])
R('data.natural_windows', data.natural_windows, dict(docs=[DOC], length=8, n=2),
  docs=[[], 'abc', None, [3], N(['ab'], 'document'), [torch.zeros(3, 3, dtype=torch.long)], [torch.zeros(40)]],
  length=[0, 1.5, None], n=[0, 1.5], seed=[1.5])
R('data.repeated_windows', data.repeated_windows, dict(docs=[DOC], length=8, n=2), segment_len=[0, -1, 99, 1.5])
R('data.passkey_windows', data.passkey_windows, dict(docs=[DOC], length=64, n=2),
  depths=[(1.5,), (), 'a'], digits=[0, 1.5], length=[10], n=[0])
R('data.load_images', data.load_images, dict(name='digits'), name=[N('mnist', 'image set'), N(3, 'image set')])

# positions
R('positions.rope_inv_freq', positions.rope_inv_freq, dict(dim=8),
  dim=[3, 0, 'a', 8.0, True], base=[-10, 1, NAN, INF, '1e4'], scaling=[N('x', 'scaling'), N(None, 'scaling')],
  factor=[0.5, NAN, INF])
R('positions.rope_inv_freq[yarn]', positions.rope_inv_freq, dict(dim=8, scaling='yarn', factor=2, train_len=16),
  train_len=[None, 0, 1.5], beta_fast=[0.5], beta_slow=[-1], truncate=['yes'])
R('positions.rope_inv_freq[ntk_mixed]', positions.rope_inv_freq, dict(dim=8, scaling='ntk_mixed', factor=2), b=[2, NAN])
R('positions.rope_inv_freq[dynamic]', positions.rope_inv_freq,
  dict(dim=8, scaling='dynamic', factor=2, train_len=16, seq_len=32), seq_len=[None, 0])
R('positions.rope_scaling_params', positions.rope_scaling_params, dict(scaling='yarn'),
  scaling=[N('x', 'scaling')], beta_fast=[0.5], foo=[1], b=[0.5])
R('positions.rope_logit_factor', positions.rope_logit_factor, dict(scaling='yarn', factor=2.),
  scaling=[N('x', 'scaling')], factor=[0.5, NAN])
R('positions.rope_angles', positions.rope_angles, dict(positions=torch.arange(4), dim=8),
  dim=[3], inv_freq=[torch.ones(3)], positions=['abc', None, Torch(torch.tensor([0., NAN]), NAN_IN, any_nan)])
R('positions.apply_rope', positions.apply_rope, dict(x=_t(4, 8), angles=ANG),
  x=[N(_t(4, 7), 'dim'), Torch(_nan(4, 8), NAN_IN, any_nan)], angles=[_t(4, 3), 3, None])
R('positions.rope_pair_order', positions.rope_pair_order, dict(dim=8), dim=[3, -2])
R('positions.apply_rope_pairs', positions.apply_rope_pairs, dict(x=_t(4, 8), angles=ANG),
  x=[N(_t(4, 7), 'dim')], angles=[_t(4, 3), 3])
R('positions.random_positions', positions.random_positions, dict(n=4, L=8), n=[0, 1.5, -1], L=[3, 8.0, None],
  batch=[0, 1.5])
R('positions.equal_mean_positions', positions.equal_mean_positions, dict(n=4), n=[0, 1.5], mean=[0, -1, NAN, INF],
  batch=[0, 1.5])
R('positions.even_positions', positions.even_positions, dict(n=4, L=8.), n=[0, 1.5], L=[0, -1, NAN, INF, 'a'])
R('positions.rerope_rel', positions.rerope_rel, dict(pos_q=torch.arange(4), pos_k=torch.arange(4), window=2),
  window=[0, NAN, '2', True], leaky_k=[0, -1, NAN, 'a'], pos_q=[None, 'a'])
R('positions.qk_logits', positions.qk_logits, dict(q=_t(2, 4, 8), k=_t(2, 5, 8)), k=[_t(2, 5, 7), None], q=[None])
R('positions.rerope_scores', positions.rerope_scores, dict(q=Q4, k=K4, window=2),
  window=[0], leaky_k=[0], pos_q=[torch.arange(3)], q=[N(_t(1, 2, 6, 7), 'dim')], k=[_t(1, 2, 6, 4)],
  inv_freq=[torch.ones(3)])
R('positions.rerope_scores_clipped', positions.rerope_scores_clipped, dict(q=Q4, k=K4, window=2),
  window=[NAN], pos_k=[torch.arange(5)], leaky_k=['a'])

# kernels
R('kernels.Plan', kernels.Plan, dict(kernel='sdpa'), kernel=['x', None], rope=['x'], block=[0, 1.5])
R('kernels.attend', kernels.attend, dict(q=Q4, k=K4, v=V4, plan=kernels.Plan('sdpa'), scale=0.35),
  plan=['sdpa', None], scale=[NAN, INF])
R('kernels.choose_plan', kernels.choose_plan, dict(spec=AttnSpec(), T=4, S=4, device=torch.device('cpu'), needs_grad=False),
  kernel=['x', 'rerope_band'], spec=['rope', None])
R('kernels.choose_plan[cached]', kernels.choose_plan,
  dict(spec=AttnSpec(), T=1, S=4, device=torch.device('cpu'), needs_grad=False, cached=True), kernel=['causal'])
R('kernels.rerope_attention', kernels.rerope_attention, dict(q=Q4, k=K4, v=V4, window=2),
  impl=['x'], block=[0, 1.5], v=[_t(1, 2, 5, 8)], mask=[torch.ones(6, 6), torch.ones(5, 6, dtype=torch.bool)],
  window=[0], leaky_k=[0], scale=[Torch(NAN, NAN_IN, all_nan)])
R('kernels.softmax_weights', kernels.softmax_weights, dict(logits=_t(4, 4), mask=None),
  mask=[torch.ones(4, 4), torch.ones(3, 4, dtype=torch.bool)], logits=[Torch(_nan(4, 4), NAN_IN, any_nan)])

# attention
R('attention.AttnSpec', AttnSpec, dict(),
  pos=['x'], score=['x'], logn=['x'], mask=['x'], rope_scaling=['x'], rope_base=[1, NAN, INF, 'a'],
  rope_factor=[0.5, NAN, INF], train_len=[1, 2.5], sinks=[-1, 1.5], qk_bias=['yes', 1],
  rope_params=[(('beta_fast',),), 'x'], rope_b=[N(2, 'b')])
R('attention.AttnSpec[rerope]', AttnSpec, dict(pos='rerope', rerope_window=4), rerope_window=[None, 0, NAN, 'a'])
R('attention.AttnSpec[leaky_rerope]', AttnSpec, dict(pos='leaky_rerope', rerope_window=4, leaky_k=2),
  leaky_k=[None, 0, NAN, 'a'])
R('attention.AttnSpec[window]', AttnSpec, dict(mask='window', window=4), window=[None, 0, 1.5])
R('attention.AttnSpec[logn]', AttnSpec, dict(logn='train', train_len=16), train_len=[None])
R('attention.logn_factor', attention.logn_factor, dict(n=torch.arange(1., 5.), S=4, train_len=16),
  kind=['x'], train_len=[1, 0, None])
R('attention.Attention', Attention, dict(d_model=16, n_heads=2), d_model=[0, 15, 1.5, N(6, 'head dim')],
  n_heads=[0, 3, True], spec=['rope', None])
R('attention.Attention.forward', lambda **kw: Attention(16, 2)(**kw), dict(x=_t(2, 4, 16)),
  x=[_t(2, 4, 8), _t(4, 16), _t(2, 0, 16), _ids(2, 4, 16), None, Torch(_nan(2, 4, 16), NAN_IN, any_nan)],
  pos=[torch.arange(3), 'abc', Torch(torch.tensor([0., 1., NAN, 3.]), NAN_IN, any_nan)],
  cache=['x'], fast=['yes', 1], kernel=['x'])
R('attention.Attention.qkv', lambda **kw: Attention(16, 2).qkv(**kw), dict(x=_t(2, 4, 16)), x=[_t(2, 4, 8)],
  pos=[torch.arange(5)])
R('attention.KVCache.append', lambda **kw: (c := KVCache(), c.append(_t(1, 2, 3, 8), _t(1, 2, 3, 8), torch.arange(3)),
                                           c.append(**kw)),
  dict(k=_t(1, 2, 1, 8), v=_t(1, 2, 1, 8), pos=torch.arange(3, 4)), k=[N(_t(1, 3, 1, 8), 'keys')])

# model
R('model.GPTConfig', GPTConfig, dict(), vocab_size=[0, 2.5, True, '256'], n_layers=[0, -1], d_model=[0],
  n_heads=[0, 3], mlp_mult=[0], norm_eps=[0, -1, NAN, INF, '1e-6'],
  attn=['rope', (AttnSpec(),) * 3, (1, 2, 3, 4)])
R('model.GPT', GPT, dict(cfg=TINY), cfg=['x', None, {}])
R('model.GPT.forward', lambda **kw: GPT1(**kw), dict(idx=_ids(2, 4)),
  idx=[_ids(2, 4).float(), _ids(4), _ids(2, 0), torch.full((2, 4), 300), torch.full((2, 4), -1),
       torch.ones(2, 4, dtype=torch.bool), [[1, 2]]],
  targets=[_ids(2, 3), _ids(2, 4).float(), torch.full((2, 4), 300), torch.full((2, 4), -5)])
R('model.RMSNorm', model.RMSNorm, dict(d=8), d=[0, -1, 1.5], eps=[-1, NAN, 0])
R('model.MLP', model.MLP, dict(d=8), d=[0], mult=[0, 1.5])
R('model.Block', model.Block, dict(cfg=TINY, spec=AttnSpec()), spec=['rope'], cfg=['x'])
R('model.set_specs', model.set_specs, lambda: dict(model=gpt(), fn=lambda i, s: s),
  fn=[N(lambda i, s: 'rope', 'spec'), 3], model=['x'])
R('model.with_specs', lambda **kw: enter(model.with_specs(**kw)), dict(model=GPT1, fn=lambda i, s: s), model=['x'],
  fn=[None])
R('model.rope_layers', model.rope_layers, dict(fn=lambda s: s), fn=[3, None])
R('model.hwfa_window', model.hwfa_window, dict(n_layers=4, train_len=64), n_layers=[1, 1.5],
  train_len=[0, 'a', 1.5], alpha=[0, 1.5, NAN])
R('model.hwfa_specs', model.hwfa_specs, dict(n_layers=4, train_len=64), window=[0, -1],
  window_pos=['x'], full_pos=['x'], full_logn=['x'])
R('model.hwfa2_specs', model.hwfa2_specs, dict(n_layers=6, window=8), n_full=[3, 0], n_layers=[0, -1, 1.5], window=[0])
R('model.hwfa2_inference', model.hwfa2_inference, dict(rerope_window=8), rerope_window=[0, None, 'a'])
R('model.generate', model.generate, dict(model=GPT1, idx=_ids(1, 3), max_new_tokens=2),
  max_new_tokens=[-1, 1.5, True], temperature=[0, -1, NAN, INF, '1'], top_k=[0, 257, 1.5, True],
  idx=[_ids(1, 3).float(), _ids(3), torch.full((1, 3), 300)], model=['x'])

# train
R('train.TrainConfig', TrainConfig, dict(), steps=[0, 1.5, True], batch_size=[0], seq_len=[0],
  lr=[0, -1, INF, NAN, '3e-3'], min_lr_frac=[2, -0.1, NAN], warmup=[-1, 31, 1.5], weight_decay=[-1, NAN, INF],
  betas=[(1, 0.9), 0.9, (0.9,)], grad_clip=[-1, NAN, INF], seed=[-1, True, 1.5], log_every=[-1],
  ckpt_every_s=[-1, NAN], copy_frac=[0.3, NAN, 2], copy_periods=[(0, 4), (8, 4)])
R('train.lr_at', train.lr_at, dict(step=0, cfg=TrainConfig()), step=[-1, 30, 1.5, 'a'], cfg=['x', None])
R('train.param_groups', train.param_groups, dict(model=nn.Linear(2, 2), weight_decay=0.1),
  weight_decay=[-1, NAN, 'a'], model=['x'])
R('train.check_vocab', train.check_vocab, dict(ids=_ids(2, 4), model=GPT1),
  ids=[torch.full((2,), 300), torch.full((2,), -1), torch.tensor([1.5]), [1, 2]])
R('train.train', train.train, lambda: dict(model=gpt(), tokens=TOKENS, cfg=TCFG, device='cpu'),
  model=['x'], tokens=[TOKENS.float(), TOKENS.view(20, 20), TOKENS[:5], torch.full((50,), 300), list(range(50))],
  cfg=['x', None], positions_fn=[3, lambda s, x: 'abc', lambda s, x: torch.full((8,), NAN)], device=['tpu', 3.5])
R('train.config_hash', lambda parts: train.config_hash(*parts), dict(parts=(1, 'a')), parts=[(object(),), (NAN,)])
R('train.cached_model', train.cached_model,
  dict(build_fn=GPT, model_cfg=TINY, train_cfg=TCFG, tokens_id='t', tokens=TOKENS, root=_TMP/'w', device='cpu'),
  tokens_id=['', 3, None], tokens=[TOKENS.float(), lambda: 'x'], train_cfg=['x'],
  positions_fn=[N(lambda s, x: None, 'tag')], build_fn=[3, None], device=['tpu'])

# extrapolation
R('extrapolation.InferenceMethod', InferenceMethod, dict(), kind=[N('x', 'inference method'), N(None, 'inference method')],
  logn_dagger=['yes'])
R('extrapolation.InferenceMethod[rerope]', InferenceMethod, dict(kind='rerope', window=8), window=[None, 0, 'a', NAN])
R('extrapolation.InferenceMethod[leaky]', InferenceMethod, dict(kind='leaky_rerope', window=8, k=2), k=[None, 0, NAN, 'a'])
R('extrapolation.InferenceMethod[window]', InferenceMethod, dict(kind='window', window=8), window=[0, 1.5])
R('extrapolation.InferenceMethod[ntk_mixed]', InferenceMethod, dict(kind='ntk_mixed'), b=[2, NAN])
R('extrapolation.evaluate_windows', extrapolation.evaluate_windows, dict(model=GPT1, windows=_ids(2, 5)),
  windows=[_ids(2, 5).float(), _ids(5), _ids(2, 1), torch.full((2, 5), 300), [[1, 2, 3]]],
  mask=[torch.ones(3, dtype=torch.bool), torch.ones(4), torch.zeros(4, dtype=torch.bool)],
  last=[-1, 5, 1.5], batch_tokens=[0, 1.5])
R('extrapolation.ExtrapolationConfig', ExtrapolationConfig, dict(), factors=[(0,), (), (1.5,)],
  eval_tokens=[0, 1.5], sets=[('x',), ()], corpus=['nope'], copy_windows=[0], passkey_depths=[(2,)],
  model=['x'], train=['x'])
R('extrapolation.eval_sets', extrapolation.eval_sets, dict(cfg=XCFG, root=FIXTURE, sets=('copy',)),
  sets=[('x',), 'copy'], cfg=['x'])
R('extrapolation.relative_name', extrapolation.relative_name, dict(name='rerope-w16', N=32), N=[0, 1.5], name=[3])
R('extrapolation.ByteNGram', extrapolation.ByteNGram, dict(tokens=TOKENS), order=[7, -1, 1.5],
  tokens=[TOKENS[:1], TOKENS.float()])
R('extrapolation.copies', extrapolation.copies, dict(src=[dict(set='copy', length=8, metric='acc', value=1.,
                                                                method='baseline')], cfg=XCFG),
  src=['x', []], threshold=[NAN, 2])

# bench
R('bench.bench_attention', bench.bench_attention, dict(T=16, D=8, H=1, window=4, repeat=1),
  T=[0, 1.5], D=[3, 0], H=[0], window=[0], repeat=[0])
R('bench.NanoGPT', bench.NanoGPT, dict(cfg=TINY, max_len=16), max_len=[0], cfg=['x'])
R('bench.train_step_times', bench.train_step_times, dict(models={'a': GPT1}, cfg=XCFG, repeat=1),
  models=[{}, [GPT1], {'a': 3}], repeat=[0], cfg=['x'])
R('bench.train_step_rows', bench.train_step_rows, dict(models={'a': GPT1, 'b': GPT1}, cfg=XCFG, repeat=1),
  models=[{'a': GPT1}])

# the reproductions' public functions: TVD (12)
LOG5, TGT3 = _t(3, 5, seed=7), torch.tensor([0, 1, 4])
for name, f, extra in (('tvd.tvd_loss', tvd.tvd_loss, {}), ('tvd.tailr_loss', tvd.tailr_loss, dict(min_weight=0.2))):
    R(name, f, dict(logits=LOG5, target=TGT3, gamma=0.5, **extra),
      logits=[LOG5.long(), 'x', _t(5), Torch(_nan(3, 5), NAN_IN, any_nan)],
      target=[TGT3.float(), TGT3.bool(), torch.tensor([0, 1]), torch.tensor([0, 1, 5]), torch.tensor([0, 1, -5])],
      gamma=[-0.1, 1.5, NAN, 'a'], ignore_index=[1.5, 'a'], reduction=['x', None])
R('tvd.tailr_loss[b]', tvd.tailr_loss, dict(logits=LOG5, target=TGT3, gamma=0.5), min_weight=[2, -1, NAN, 'a'])
R('tvd.tvd_loss[empty]', tvd.tvd_loss, dict(logits=LOG5, target=TGT3, gamma=0.5),
  logits=[Torch(_t(0, 5), EMPTY, all_nan)], target=[Torch(torch.full((3,), -100), IGNORED, all_nan)])
R('tvd.tvd_weight', tvd.tvd_weight, dict(logp=-_t(4).abs(), gamma=0.5), logp=[torch.tensor([-1, -2]), 'a'], gamma=[2])
R('tvd.symmetric_noise', tvd.symmetric_noise, dict(y=_ids(10, hi=4), rate=0.2, n_classes=4),
  rate=[1, -0.1, NAN, 'a'], n_classes=[1, 1.5], y=[_ids(10, hi=4).float(), _ids(10, hi=9)], seed=[1.5])
R('tvd.reliability', tvd.reliability, dict(probs=P8, y=_ids(3, hi=8)), n_bins=[0, 1.5, True],
  probs=[P8[0]], y=[_ids(4, hi=8)])
R('tvd.ece', tvd.ece, dict(probs=P8, y=_ids(3, hi=8)), n_bins=[0])
R('tvd.make_loss', tvd.make_loss, dict(method='tvd:0.5'), method=['x', 'tvd:2', 'tvd', 'tailr:0.5', 3, 'tvd:a'])
R('tvd.method_gamma', tvd.method_gamma, dict(method='tvd:0.5'), method=['x', 'tvd:a', 3])
R('tvd.mlp', tvd.mlp, dict(d_in=4, hidden=(8,), n_classes=3), d_in=[0], n_classes=[0], hidden=[(0,), 8])
R('tvd.distinct_n', tvd.distinct_n, dict(samples=['a b c'], n=2), n=[0, 1.5], samples=['a b', [1]])

# EMO (15)
LOG8, TGT8 = _t(3, 8, seed=8), torch.tensor([0, 3, 7])
def _nonunit(): return E8 * 2
for name, f in (('emo.emo_loss', emo.emo_loss), ('emo.emo_mix_loss', emo.emo_mix_loss)):
    R(name, f, dict(logits=LOG8, target=TGT8, embeddings=E8),
      logits=[LOG8.long(), 'x', Torch(_nan(3, 8), NAN_IN, any_nan), Torch(_t(0, 8), EMPTY, all_nan)],
      target=[TGT8.bool(), TGT8.float(), torch.tensor([0, 8, 1]), torch.tensor([0, 1]), torch.tensor([0, -5, 1]),
              Torch(torch.full((3,), -100), IGNORED, all_nan)],
      embeddings=[E8[0], _t(7, 4), torch.zeros(8, 4), _nan(8, 4), None], reduction=['x'],
      normalized=[N(True, 'normalized'), 'yes'], ignore_index=[1.5, 'a'])
R('emo.emo_mix_loss[mix]', emo.emo_mix_loss, dict(logits=LOG8, target=TGT8, embeddings=E8),
  mode=[3, '1', 1.5], clamp=[0, -1, NAN], eps=[0, -1, NAN])
R('emo.emo_soft_bound', emo.emo_soft_bound, dict(probs=P8, target_probs=P8, embeddings=E8),
  probs=[P8 * 2, -P8, P8.long()], target_probs=[P8[:2]])
R('emo.unit_embeddings', emo.unit_embeddings, dict(embeddings=E8), embeddings=[E8[0], torch.zeros(8, 4), _nan(8, 4), 'x'])
R('emo.emo_cost_matrix', emo.emo_cost_matrix, dict(embeddings=E8), embeddings=[E8[0]])
R('emo.exact_emd', emo.exact_emd, dict(p=P8[0], tau=P8[1], cost=emo.emo_cost_matrix(E8)),
  p=[P8, -P8[0]], cost=[torch.ones(7, 7)], tau=[P8[1, :7]])
R('emo.make_hierarchy', emo.make_hierarchy, dict(n_super=2, n_sub=2, dim=4, n_train=3, n_test=2),
  n_super=[0, 1.5], spread=[0, NAN], noise=[-1], dim=[0])
R('emo.load_class_data', emo.load_class_data, dict(name='hier'), name=[N('x', 'data set', 'name')])
R('emo.expected_calibration_error', emo.expected_calibration_error, dict(probs=P8, y=_ids(3, hi=8)),
  n_bins=[0, 1.5], y=[_ids(4, hi=8)])
R('emo.distinct_n', emo.distinct_n, dict(seqs=[[1, 2, 3]], n=2), n=[0, 1.5])
R('emo.repetition_n', emo.repetition_n, dict(seqs=[[1, 2, 3]], n=2), n=[0, 1.5])
R('emo.frechet_distance', emo.frechet_distance, dict(a=np.ones((3, 2)) + np.eye(3, 2), b=np.ones((3, 2))),
  a=[np.ones(3)], b=[np.ones((3, 3))])
R('emo.neighbour_hits', emo.neighbour_hits,
  dict(E_hat=emo.unit_embeddings(E8), ids=torch.tensor([0, 1, 2, 3]), grp=torch.tensor([0, 0, 1, 1]), k=2),
  k=[0, 100], ids=[torch.tensor([0, 1, 2, 9])], grp=[torch.tensor([0, 0, 1])])
R('emo.unigram_ppl', emo.unigram_ppl, dict(tokens=_ids(50, hi=8), windows=_ids(2, 5, hi=8), vocab_size=8),
  vocab_size=[4, 0], windows=[_ids(5, hi=8)])
R('emo.ppmi_embeddings', emo.ppmi_embeddings, dict(tokens=_ids(200, hi=8), vocab_size=8, dim=4),
  dim=[0, 9], window=[0], tokens=[N(_ids(200, hi=12), 'vocab_size')])
R('emo.ft_subset', emo.ft_subset, dict(tokens=_ids(50), size=10, seed=0), size=[N(60, 'size'), 0, -3])

# hubness (10)
R('hubness.ball_cube_ratio', hubness.ball_cube_ratio, dict(n=3), n=[-1, 1.5, 'a', NAN, None])
R('hubness.ball_acceptance', hubness.ball_acceptance, dict(n=3, samples=100), n=[0], samples=[0], chunk=[0],
  seed=[1.5])
R('hubness.knn_indices', hubness.knn_indices, dict(x=Z32, k=3), x=[Z32[0], N(_nan(32, 3), 'x'), 'abc'],
  k=[0, 32, 1.5], chunk_size=[0, 1.5])
R('hubness.k_occurrence', hubness.k_occurrence, dict(x=Z32, k=3), k=[0], x=[Z32.bool()])
R('hubness.hubness_measures', hubness.hubness_measures, dict(counts=torch.tensor([1, 2, 3, 0]), k=2),
  counts=[torch.tensor([1, -2, 3]), torch.ones(2, 2), torch.tensor([1]), torch.tensor([1.5, 2.])],
  k=[0], hub_size=[0, NAN], eps=[2, NAN])
R('hubness.hub_filter[top]', hubness.hub_filter, dict(z=Z32, k=2, top_fraction=0.5), top_fraction=[0, 1.5, NAN],
  space=[3], threshold=[N(1, 'threshold')])
R('hubness.hub_filter[threshold]', hubness.hub_filter, dict(z=Z32, k=2, threshold=1), threshold=[-1, 1.5])
R('hubness.hub_sample', hubness.hub_sample, dict(n=4, z_dim=2, batch=16, k=2, top_fraction=0.5, device='cpu'),
  n=[0], z_dim=[0], batch=[1], max_batches=[0])
R('hubness.sample_points', hubness.sample_points, dict(dist='gaussian', n=4, d=2, seed=0),
  dist=['x'], n=[0], d=[0], seed=[1.5])
R('hubness.frechet_distance', hubness.frechet_distance, dict(f1=Z32, f2=Z32 + 1), f1=[Z32[0], _nan(32, 3)],
  f2=[_t(32, 4)])
R('hubness.knn_precision_recall', hubness.knn_precision_recall, dict(real=Z32, fake=Z32 + 0.1, k=1), k=[0],
  fake=[_t(8, 4)])
R('hubness.fit_exponent', hubness.fit_exponent, dict(ns=[1, 2], ts=[1, 2]), ns=[[1]], ts=[[-1, 2]])

# attention as an RNN (17)
QR, KR, VR = _t(1, 1, 4, 8, dtype=torch.float64, seed=9), _t(1, 1, 4, 8, dtype=torch.float64, seed=10), \
             _t(1, 1, 4, 8, dtype=torch.float64, seed=11)
R('attention_rnn.attention_rnn', attention_rnn.attention_rnn, dict(q=QR, k=KR, v=VR),
  q=[QR[0], QR.long(), 'x', Torch(_nan(1, 1, 4, 8).double(), NAN_IN, any_nan)], k=[KR[..., :3, :]], v=[VR[..., :3, :]],
  order=['x'], block=[0, 1.5, True], stable=['yes'])
R('attention_rnn.naive_attention', attention_rnn.naive_attention, dict(q=QR, k=KR, v=VR), q=[QR[0]], k=[KR.float()])
R('attention_rnn.sdpa_attention', attention_rnn.sdpa_attention, dict(q=QR, k=KR, v=VR), k=[KR.float()])
R('attention_rnn.eq2_loop', attention_rnn.eq2_loop, dict(q=QR, k=KR, v=VR), v=[VR[..., :3, :]])
R('attention_rnn.sinusoid', attention_rnn.sinusoid, dict(pos=torch.arange(4), d=8), d=[0, 3, -2, 1.5])
R('attention_rnn.recompute_qk_count', attention_rnn.recompute_qk_count, dict(n_layers=2, i=3), n_layers=[-1, 1.5],
  i=[0, 1.5])
R('attention_rnn.cache_qk_count', attention_rnn.cache_qk_count, dict(n_layers=2, i=3), i=[0])
R('attention_rnn.loglog_slope', attention_rnn.loglog_slope, dict(x=[1, 2], y=[1, 2]), x=[[1]], y=[[0, 1]])
R('attention_rnn.ram_numbers', attention_rnn.ram_numbers, dict(layers=2, hidden=4), layers=[0], hidden=[0])
R('attention_rnn.TinyLM', attention_rnn.TinyLM, dict(), c=['x', N(attention_rnn.TinyConfig(d_model=15), 'd_model')])
R('attention_rnn.RecomputeDecoder', attention_rnn.RecomputeDecoder, dict(model=attention_rnn.TinyLM()), order=['x'],
  model=['x'])

# position robustness (11)
PR = position_robustness
R('position_robustness.che_task', PR.che_task, dict(name='even_pairs'), name=[N('x', 'task'), N(3, 'task')])
R('position_robustness.che_batch', PR.che_batch, dict(task='even_pairs', n=2, length=4),
  n=[0], length=[0], task=[N('x', 'task')])
R('position_robustness.parse_method', PR.parse_method, dict(method='random+logn'), method=['x', 'random+x', 3])
R('position_robustness.train_positions', PR.train_positions, dict(kind='random', B=2, T=4, L=8),
  kind=[N('x', 'training positions')], B=[0], L=[2], T=[1.5])
R('position_robustness.eval_positions', PR.eval_positions, dict(scheme='even', kind='random', B=2, M=4, L=8),
  scheme=[N('x', 'test positions')], M=[0], L=[2])
R('position_robustness.model_config', PR.model_config, dict(vocab_size=8), mask=['x'], logn=['yes'], vocab_size=[0])
R('position_robustness.model_config[logn]', PR.model_config, dict(vocab_size=8, logn=True, train_len=16),
  train_len=[None, 1])
R('position_robustness.mask_tokens', PR.mask_tokens, dict(x=_ids(2, 4), rate=0.5), rate=[0, 1, NAN, True],
  x=[_ids(2, 4).float(), _ids(4)])

# global extrapolation (14) and the extrapolation benchmark (20)
GE, EB = global_extrapolation, extrapolation_benchmark
R('global_extrapolation.variant_attn', GE.variant_attn, dict(name='hwfa', n_layers=4, train_len=64),
  name=[N('x', 'variant')], n_layers=[1], train_len=[0])
R('global_extrapolation.hwfa2_window', GE.hwfa2_window, dict(train_len=64), train_len=[0, 1.5, 'a'])
R('global_extrapolation.main_methods', GE.main_methods, dict(variant='baseline', train_len=64),
  variant=[N('x', 'variant')], train_len=[0, 1.5])
R('global_extrapolation.cell_order', GE.cell_order, dict(), seeds=[(), (-1,), N((1.5,), 'seeds')])
R('extrapolation_benchmark.model_spec', EB.model_spec, dict(name='rope', N=64, n_layers=4),
  name=[N('x', 'model')], N=[0, 1.5])
R('extrapolation_benchmark.invleaky_spec', EB.invleaky_spec, dict(N=64), N=[0], factor=[0, NAN])
R('extrapolation_benchmark.context_docs', EB.context_docs, dict(n=2, N=8, max_factor=2, span=4),
  n=[0], N=[0], max_factor=[1], span=[3, 0])
R('extrapolation_benchmark.pareto_front', EB.pareto_front, dict(cost=[1, 2], value=[1, 2]), value=[[1]],
  cost=[[NAN, 1]])

# transformers (08), when installed
if HAS_HF:
    hf = importlib.import_module('lxbook.hf')
    def llama():
        import transformers
        cfg = transformers.LlamaConfig(vocab_size=32, hidden_size=16, intermediate_size=32, num_hidden_layers=1,
                                       num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=32)
        torch.manual_seed(0)
        return transformers.LlamaForCausalLM(cfg).eval()
    def _apply(**kw): hf.apply(**kw); hf.remove(kw['model'])
    LLAMA = llama()
    R('hf.apply', _apply, dict(model=LLAMA, method=InferenceMethod('rerope', window=8)),
      method=['rerope', InferenceMethod(), None], train_len=[1, 1.5, 'a'], impl=['x'],
      model=['x', nn.Linear(2, 2)])
    R('hf.apply[ntk]', _apply, dict(model=LLAMA, method=InferenceMethod('ntk_fixed'), max_len=64), max_len=[16, None])
    R('hf.train_length', hf.train_length, dict(model=LLAMA), model=['x', None])
    R('hf.patched', lambda **kw: enter(hf.patched(**kw)), dict(model=LLAMA, method=InferenceMethod('rerope', window=8)),
      method=[InferenceMethod('window', window=8)])

# ---------------------------------------------------------------------------------------------------------------------
# running and classifying the cases

@dataclass
class Case:
    row: Row
    arg: str
    bad: object                     # as written in the table (plain, `N` or `Torch`)
    suffix: str = ''
    @property
    def value(self): return self.bad.value if isinstance(self.bad, (N, Torch)) else self.bad
    @property
    def names(self)->tuple: return self.bad.names if isinstance(self.bad, N) else (self.arg,)
    @property
    def id(self)->str:
        r = repr(self.value).replace('\n', ' ')
        if isinstance(self.value, (torch.Tensor, np.ndarray)):
            r = f'{type(self.value).__name__}{tuple(self.value.shape)}:{self.value.dtype}'
        return f'{self.row.label}({self.arg}={r[:40]}){self.suffix}'

CASES = [Case(r, a, v) for r in ROWS for a, vs in r.bad.items() for v in vs]
_seen = Counter()
for c in CASES:                           # tensors of one shape and dtype print alike: number the repeats
    _seen[c.id] += 1
    if _seen[c.id] > 1: c.suffix = f'#{_seen[c.id]}'

def _kwargs(row:Row)->dict: return dict(row.good() if callable(row.good) else row.good)

def _named(msg:str, names:tuple)->bool:
    "Whether `msg` names one of `names` as a word (so 'n' does not match inside 'tokens')."
    return any(re.search(rf'(?<![A-Za-z0-9_]){re.escape(n)}(?![A-Za-z0-9_])', msg) for n in names)

@contextlib.contextmanager
def _quiet():
    "No warnings or prints; the cache (grid sidecars, weights) in the temp folder; the environment restored after."
    env = dict(os.environ)
    os.environ['LXBOOK_CACHE'] = str(_TMP/'cache')
    with warnings.catch_warnings(), open(os.devnull, 'w') as null, contextlib.redirect_stdout(null):
        warnings.simplefilter('ignore')
        try: yield
        finally: os.environ.clear(); os.environ.update(env)   # set_run_mode and the like change the environment

def classify(case:Case)->tuple:
    "(outcome, detail) of one case: 'clear', 'torch', 'obscure' or 'silent'."
    kw = _kwargs(case.row); kw[case.arg] = case.value
    try:
        with _quiet(): out = case.row.fn(**kw)
    except (ValueError, TypeError) as e:
        msg = f'{type(e).__name__}: {e}'
        return ('clear' if _named(str(e), case.names) else 'obscure'), msg
    except Exception as e:
        return 'obscure', f'{type(e).__name__}: {e}'
    if isinstance(case.bad, Torch):
        ok = case.bad.ok(out) if case.bad.ok else True
        return ('torch' if ok else 'silent'), case.bad.why
    return 'silent', f'returned {type(out).__name__}'

_OUTCOMES: dict = {}
def outcome(case:Case)->tuple:
    if case.id not in _OUTCOMES: _OUTCOMES[case.id] = classify(case)
    return _OUTCOMES[case.id]

def audit()->Counter: return Counter(outcome(c)[0] for c in CASES)

def table(counts:Counter)->str:
    before = dict(clear=98, torch=7, obscure=22, silent=19)
    lines = ['| outcome | before (issue 21) | now |', '|---|---|---|']
    lines += [f'| {k} | {before[k]} | {counts.get(k, 0)} |' for k in before]
    lines += [f'| total | {sum(before.values())} | {sum(counts.values())} |']
    return '\n'.join(lines)

# ---------------------------------------------------------------------------------------------------------------------
# the tests

def test_table_is_large_and_distinct():
    assert len(CASES) >= 150, len(CASES)
    assert len({c.id for c in CASES}) == len(CASES), [i for i, n in Counter(c.id for c in CASES).items() if n > 1]

@pytest.mark.parametrize('row', ROWS, ids=[r.label for r in ROWS])
def test_good_call_passes(row):
    "Every row's good arguments work, so each case's error comes from its one bad argument."
    with _quiet(): row.fn(**_kwargs(row))

@pytest.mark.parametrize('case', CASES, ids=[c.id for c in CASES])
def test_bad_input(case):
    kind, detail = outcome(case)
    assert kind in ('clear', 'torch'), f'{kind}: {detail}'

def test_audit_table(capsys):
    counts = audit()
    with capsys.disabled(): print(f'\nbad-input audit, {len(CASES)} cases in {len(ROWS)} rows:\n{table(counts)}')
    bad = [(c.id, *outcome(c)) for c in CASES if outcome(c)[0] in ('obscure', 'silent')]
    assert counts['obscure'] == 0 and counts['silent'] == 0, '\n'.join(f'{k}: {i}: {d}' for i, k, d in bad)

if __name__ == '__main__':
    counts = audit()
    for c in CASES:
        k, d = outcome(c)
        if k not in ('clear', 'torch'): print(f'{k:8s} {c.id}: {d[:160]}')
    print(table(counts))
