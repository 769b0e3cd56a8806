"""The multi-year business case: incidental and structural costs against a nulalternatief.

Modules: :mod:`~simfin.business.indexation` (wage and price index, constant prices),
:mod:`~simfin.business.allocation` (verdeelsleutels), :mod:`~simfin.business.incidental`
(items from the scenario file), :mod:`~simfin.business.yearly` (the yearly table),
:mod:`~simfin.business.appraisal` (balance, NPV, payback), :mod:`~simfin.business.ceiling`
(budget ceiling), :mod:`~simfin.business.afweging` (afwegingskader),
:mod:`~simfin.business.case` (running it) and :mod:`~simfin.business.result`.
"""

from simfin.business.case import assemble, business_case
from simfin.business.result import BusinessCase

__all__ = ["BusinessCase", "assemble", "business_case"]
