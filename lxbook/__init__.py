"""Literate reproductions of Su Jianlin's posts on positions, length extrapolation, losses and attention."""
__version__ = "0.0.1"

# the library modules (00-07); reproduction modules are imported by name, e.g. `from lxbook.tvd import tvd_loss`
from .core import *
from .repro import *
from .data import *
from .positions import *
from .kernels import *
from .attention import *
from .model import *
from .train import *
from .extrapolation import *
from .bench import *
