"""Deterministic synthetic datasets for tests and benchmarks (`regstat generate`)."""

from orchestration.synthetic.generate import Scale, generate

__all__ = ["Scale", "generate"]
