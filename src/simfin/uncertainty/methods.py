"""The sweep methods by name (a module of its own so ``simfin sweep --help`` stays light)."""

__all__ = ["METHODS"]

#: One-at-a-time tornado, two-parameter grid, Sobol indices, Morris screening, PSA.
METHODS = ("tornado", "grid", "sobol", "morris", "psa")
