"""Literate reproductions of Su Jianlin's posts on positions, length extrapolation, losses and attention."""
__version__ = "0.0.1"

from .core import *
from .data import *
