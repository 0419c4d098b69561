"""Figure extraction from Chinese government texts (issue 6): candidates for review.

`extract(text, published)` finds every quantitative figure with its quote, unit,
qualifier, kind, period, measure and subject; `review` writes and accepts review files;
`evaluate` compares the extractor with curated figures."""

from .extractor import Candidate, CandidateRelation, Extraction, extract, infer_published

__all__ = ["Candidate", "CandidateRelation", "Extraction", "extract", "infer_published"]
