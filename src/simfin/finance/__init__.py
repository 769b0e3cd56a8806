"""Money, computed on the ledger: payments, provider costs, staff and administration."""

from simfin.finance.costs import yearly_costs

__all__ = ["yearly_costs"]
