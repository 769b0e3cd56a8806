"""Singular and plural in reports: :mod:`simfin.plural` (one helper for domain and report)."""

from simfin.plural import NOUNS, count_text, plural

__all__ = ["NOUNS", "count_text", "plural"]
