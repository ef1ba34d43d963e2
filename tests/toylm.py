"The trainer's test fixture (a copy of `ToyLM` in nbs/05_train.ipynb, which is not part of the package)."
import torch, torch.nn as nn, torch.nn.functional as F

class ToyLM(nn.Module):
    "The smallest model with the trainer's contract: token + position embeddings, a residual MLP, a linear head."
    def __init__(self, vocab:int=256, d:int=32, max_len:int=1024):
        super().__init__()
        if min(vocab, d, max_len) < 1: raise ValueError(f"vocab, d and max_len must be >= 1, got {vocab}, {d}, {max_len}")
        self.vocab_size = vocab
        self.tok, self.pos = nn.Embedding(vocab, d), nn.Embedding(max_len, d)
        self.norm = nn.LayerNorm(d)
        self.mlp = nn.Sequential(nn.Linear(d, 4*d), nn.GELU(), nn.Linear(4*d, d))
        self.head = nn.Linear(d, vocab, bias=False)

    def forward(self, x:torch.Tensor, y:torch.Tensor|None=None, pos:torch.Tensor|None=None):
        B, T = x.shape
        pos = torch.arange(T, device=x.device) if pos is None else pos    # (T,) or (B, T)
        h = self.tok(x) + self.pos(pos)                                    # (B, T, d)
        h = h + self.mlp(self.norm(h))
        logits = self.head(h)                                              # (B, T, V)
        z = logits if logits.dtype in (torch.float32, torch.float64) else logits.float()
        loss = None if y is None else F.cross_entropy(z.flatten(0, 1), y.flatten())
        return logits, loss
